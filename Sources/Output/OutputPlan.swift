import Diagnostics
import Dispatch
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
    /// come after the writes and the index is written last. Writes run on all cores: a cold build
    /// creates tens of thousands of files, and one thread spent more time in the kernel than the
    /// rest of the build took.
    public func apply(parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        let fm = FileManager.default
        var writes: [String] = []
        var deletes: [String] = []
        var index: String?
        for change in changes {
            switch change {
            case .create(let p), .update(let p):
                if p == OutputIndex.fileName { index = p } else { writes.append(p) }
            case .delete(let p):
                deletes.append(p)
            }
        }
        let sorted = writes.sorted()
        // Each folder is created once, before the writes, not once per file.
        var made: Set<String> = []
        for path in sorted {
            let full = directory + "/" + path
            if let slash = full.lastIndex(of: "/") { try Self.makeDirectory(String(full[..<slash]), made: &made) }
        }

        let failure = FirstFailure()
        let workers = max(1, min(parallelism, sorted.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: sorted.count, by: workers) where !failure.happened {
                if let error = replace(sorted[i]) { failure.record(error) }
            }
        }
        if let error = failure.error { throw error }

        var touchedDirs: Set<String> = []
        for path in deletes.sorted() {
            let full = directory + "/" + path
            try fm.removeItem(atPath: full)
            touchedDirs.insert((full as NSString).deletingLastPathComponent)
        }
        if let index, let error = replace(index) { throw error }
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
    /// Creates a folder and its missing parents with mkdir(2); `made` remembers what exists.
    /// FileManager's `createDirectory` inspects every path component first, which showed in
    /// builds that create thousands of folders.
    static func makeDirectory(_ dir: String, made: inout Set<String>) throws {
        if dir.isEmpty || made.contains(dir) { return }
        if mkdir(dir, 0o777) != 0 {
            switch errno {
            case EEXIST:
                var st = stat()
                guard stat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                    throw WriteError(path: dir, reason: "a file is in the way of this folder")
                }
            case ENOENT:
                guard let slash = dir.lastIndex(of: "/"), slash != dir.startIndex else { throw WriteError(path: dir) }
                try makeDirectory(String(dir[..<slash]), made: &made)
                guard mkdir(dir, 0o777) == 0 || errno == EEXIST else { throw WriteError(path: dir) }
            default:
                throw WriteError(path: dir)
            }
        }
        made.insert(dir)
    }

    /// Writes one file of the plan through a temporary sibling and a rename; the error, if any.
    func replace(_ path: String) -> Error? {
        let full = directory + "/" + path
        let slash = full.lastIndex(of: "/") ?? full.startIndex
        let tmp = String(full[..<slash]) + "/.kfn-tmp-" + String(full[full.index(after: slash)...])
        guard Self.write(files[path]!, to: tmp) else {
            let error = WriteError(path: tmp)
            unlink(tmp)
            return error
        }
        if rename(tmp, full) != 0 {
            let error = WriteError(path: full)
            unlink(tmp)
            return error
        }
        return nil
    }

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

/// A file or folder of the plan that could not be written, with the system's reason.
public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    /// The reason is `errno`'s text, read when the error is made.
    init(path: String, reason: String? = nil) {
        self.path = path
        self.reason = reason ?? String(cString: strerror(errno))
    }

    public var description: String { "\(path): \(reason)" }
}

/// The first error of parallel writers; the others stop at their next file.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Error?

    var happened: Bool { lock.lock(); defer { lock.unlock() }; return first != nil }
    var error: Error? { lock.lock(); defer { lock.unlock() }; return first }

    func record(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if first == nil { first = error }
    }
}
