import Jsonnet

/// Sorts the files definitions import into a function's own files, shared files and the rest.
///
/// A build may skip evaluating a function whose folder and shared inputs did not change only if
/// nothing else can change its result; this is where "nothing else" is decided, by place: the
/// function's folder, the functions folder outside any function folder (`functions/lib/`), and
/// the library paths.
struct ImportClassifier {
    var directory: String
    /// Function folders, normalised.
    var folders: Set<String>
    /// Library paths (`-J`), normalised.
    var libraries: [String]
    init(directory: String, folders: Set<String>, libraries: [String]) {
        self.directory = PathNormalizer.normalize(directory)
        self.folders = Set(folders.map(PathNormalizer.normalize))
        self.libraries = libraries.map(PathNormalizer.normalize)
    }

    /// The function folder that holds `path`, if any. Function folders are the direct children of
    /// the functions folder, so one lookup of the first component decides (a scan over all
    /// folders per file was quadratic at thousands of functions).
    func folder(of path: String) -> String? {
        guard let rel = PathNormalizer.relative(path, to: directory), let first = rel.split(separator: "/").first else { return nil }
        let folder = directory == "." ? String(first) : directory + "/" + first
        return folders.contains(folder) ? folder : nil
    }

    /// Whether a change to the imported file is seen without evaluating every definition: it is
    /// in the importer's own function folder, or in a shared place whose every file the build hashes.
    func isTracked(_ i: JsonnetImport) -> Bool {
        if let target = folder(of: i.file) {
            return folder(of: i.from + "/x") == target
        }
        if PathNormalizer.relative(i.file, to: directory) != nil { return true }
        return libraries.contains { PathNormalizer.relative(i.file, to: $0) != nil }
    }
}
