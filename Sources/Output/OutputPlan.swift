import Diagnostics
import Foundation

/// What a build would change in the output folder, computed before anything is written so that a
/// build that fails (or a `--check`) leaves `out/` untouched.
public struct OutputPlan: Sendable {
    public enum Change: Sendable, Equatable {
        case create(String)
        case update(String)
        case delete(String)

        public var path: String {
            switch self {
            case .create(let p), .update(let p), .delete(let p): p
            }
        }
    }

    public var directory: String
    /// The files the build owns that were not verified on disk, relative to `directory`, with
    /// their bytes: every change to create or update is among them.
    public var files: [String: Data]
    public var changes: [Change]
    /// Files that exist, are not kfn's, and are in the way of a file kfn must write.
    public var conflicts: [Diagnostic]

    public var isUpToDate: Bool { changes.isEmpty }

    /// Compares the desired files with the disk. `owned` is what the previous index owned: only
    /// those may be replaced or deleted. `verified` files are known to be on disk with exactly
    /// the bytes the build wants (it just checked their digests), so they are not read again and
    /// need not be in `files`. `differing` files are known to be on disk with other bytes (the
    /// build compared digests): owned ones are updated without reading them.
    public static func make(directory: String, files: [String: Data], previouslyOwned owned: Set<String>,
                            verified: Set<String> = [], differing: Set<String> = []) -> OutputPlan {
        let fm = FileManager.default
        var changes: [Change] = []
        var conflicts: [Diagnostic] = []
        for path in files.keys.filter({ !verified.contains($0) }).sorted() {
            let full = directory + "/" + path
            if differing.contains(path), owned.contains(path) {
                changes.append(.update(path))
                continue
            }
            guard let current = fm.contents(atPath: full) else {
                changes.append(.create(path))
                continue
            }
            if current == files[path]! { continue }
            if owned.contains(path) || isKfnFile(current) {
                changes.append(.update(path))
            } else {
                conflicts.append(.error("\(full) exists and was not written by kfn", at: .file(full),
                                        hint: "kfn never overwrites files it does not own: move or delete it, or change --out"))
            }
        }
        for path in owned.filter({ files[$0] == nil && !verified.contains($0) }).sorted() where fm.fileExists(atPath: directory + "/" + path) {
            changes.append(.delete(path))
        }
        return OutputPlan(directory: directory, files: files, changes: changes, conflicts: conflicts)
    }

    /// A file with kfn's header is kfn's even when the index was lost (e.g. a partial checkout).
    static func isKfnFile(_ data: Data) -> Bool {
        data.starts(with: Data(OutputHeader.prefix.utf8))
    }

    /// Writes every change: each file is written to a temporary sibling and renamed over the old
    /// one, so a reader (or a kill) sees the old or the new bytes, never half a file; deletions
    /// come after the writes and the index is written last.
    public func apply() throws {
        let fm = FileManager.default
        let ordered = changes.sorted { a, b in
            let ai = a.path == OutputIndex.fileName, bi = b.path == OutputIndex.fileName
            if ai != bi { return bi }
            if case .delete = a, case .delete = b { return a.path < b.path }
            if case .delete = a { return false }
            if case .delete = b { return true }
            return a.path < b.path
        }
        var touchedDirs: Set<String> = []
        // Each folder is created once, not once per file: thousands of files share a few folders.
        var madeDirs: Set<String> = []
        for change in ordered {
            let full = directory + "/" + change.path
            switch change {
            case .create(let p), .update(let p):
                let dir = (full as NSString).deletingLastPathComponent
                if madeDirs.insert(dir).inserted { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                let tmp = dir + "/.kfn-tmp-" + (full as NSString).lastPathComponent
                guard Self.write(files[p]!, to: tmp) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tmp])
                }
                if rename(tmp, full) != 0 {
                    try? fm.removeItem(atPath: tmp)
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: full])
                }
            case .delete:
                try fm.removeItem(atPath: full)
                touchedDirs.insert((full as NSString).deletingLastPathComponent)
            }
        }
        // Remove folders that pruning emptied (deepest first), never the output folder itself.
        for dir in touchedDirs.sorted(by: { $0.count > $1.count }) {
            var d = dir
            while d.count > directory.count, (try? fm.contentsOfDirectory(atPath: d))?.isEmpty == true {
                try? fm.removeItem(atPath: d)
                d = (d as NSString).deletingLastPathComponent
            }
        }
    }
}

extension OutputPlan {
    /// Writes `data` to a new file with plain POSIX calls (FileManager.createFile costs several
    /// times more per file, which shows when a build writes tens of thousands).
    public static func write(_ data: Data, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return false }
        var done = 0
        let ok = data.withUnsafeBytes { buf -> Bool in
            while done < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        return close(fd) == 0 && ok
    }
}

/// The first lines of every file kfn writes. No timestamp: the same inputs give the same bytes.
public enum OutputHeader {
    public static let prefix = "# Generated by kfn"

    public static func text(source: String) -> String {
        "Generated by kfn from \(source). Do not edit: change the source and run `kfn build`."
    }
}
