import Diagnostics
import Foundation

/// The function folders an import writes, complete before anything touches the disk.
public struct ImportPlan: Sendable {
    public struct Folder: Sendable, Hashable {
        /// `functions/<folder>`.
        public var path: String
        /// `namespace/name` of the function.
        public var function: String
        /// Relative path → bytes, `function.jsonnet` included.
        public var files: [String: Data]
        /// The folder exists and `--force` replaces it.
        public var replaces: Bool
    }

    public var directory: String
    public var folders: [Folder]
    public var warnings: [Diagnostic]

    init(directory: String, drafts: [DefinitionDraft], force: Bool) {
        self.directory = directory
        warnings = []
        folders = drafts.map { d in
            let path = directory == "." ? d.folder : directory + "/" + d.folder
            var files = d.files
            files["function.jsonnet"] = Data(d.definitionText.utf8)
            return Folder(path: path, function: "\(d.namespace)/\(d.name)", files: files,
                          replaces: force && FileManager.default.fileExists(atPath: path))
        }
    }

    func checkExisting(log: ImportLog) {
        for f in folders where !f.replaces && FileManager.default.fileExists(atPath: f.path) {
            log.add(.error("\(f.path) exists already; kfn import does not overwrite it", at: .file(f.path),
                           hint: "pass --force to replace the folder, or --functions DIR to import elsewhere"))
        }
    }

    /// What would be written, for `--dry-run`: each folder with its files, and each definition.
    public var description: String {
        var out = ""
        for f in folders {
            out += "\(f.path)/ (\(f.function))\(f.replaces ? ", replacing the existing folder" : "")\n"
            for name in f.files.keys.sorted() { out += "  \(name) (\(f.files[name]!.count) bytes)\n" }
        }
        for f in folders {
            out += "\n--- \(f.path)/function.jsonnet\n" + String(decoding: f.files["function.jsonnet"]!, as: UTF8.self)
        }
        return out
    }

    /// Writes the folders; nil when all were written, else what failed and what was written before.
    public func write() -> String? {
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for f in folders {
                try write(f)
                written.append(f.path)
            }
        } catch {
            return "writing \(folders[written.count].path) failed: \(error)"
                + (written.isEmpty ? "; nothing was written" : "; written before it: \(written.joined(separator: ", "))")
        }
        return nil
    }

    /// Writes the folder into a temporary sibling and renames it into place, so a folder is
    /// either complete or absent; a replaced folder is removed only once its successor is there.
    private func write(_ f: Folder) throws {
        let fm = FileManager.default
        let parent = (f.path as NSString).deletingLastPathComponent
        let staging = (parent.isEmpty ? "." : parent) + "/.\((f.path as NSString).lastPathComponent).kfn-import-\(UUID().uuidString)"
        do {
            for (name, data) in f.files {
                let target = staging + "/" + name
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard fm.createFile(atPath: target, contents: data) else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
            }
            if f.replaces, fm.fileExists(atPath: f.path) {
                let old = staging + ".old"
                try fm.moveItem(atPath: f.path, toPath: old)
                try fm.moveItem(atPath: staging, toPath: f.path)
                try fm.removeItem(atPath: old)
            } else {
                try fm.moveItem(atPath: staging, toPath: f.path)
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }
}
