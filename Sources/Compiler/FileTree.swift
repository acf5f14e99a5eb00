import Crypto
import Foundation
import Jsonnet

/// Reading and hashing many small files fast. A build of thousands of functions hashes every input
/// folder and every output file; FileManager's enumerator and `contents(atPath:)` go through
/// NSString paths and NSData, which cost more than the reads themselves at that count.
enum FileTree {
    // dirent d_type values (the same on Linux and macOS); the C macros import with varying types.
    private static let dtUnknown: UInt8 = 0, dtDirectory: UInt8 = 4, dtRegular: UInt8 = 8, dtLink: UInt8 = 10

    /// The bytes of a regular file, or nil when it cannot be read.
    static func contents(_ path: String) -> Data? {
        read(path)?.data
    }

    /// The bytes of a regular file and its stamp, taken before reading (so a write racing the read
    /// shows as a changed stamp next time, never as a stale digest under a current stamp).
    static func read(_ path: String) -> (data: Data, stamp: FileStamp)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        var data = Data(count: Int(st.st_size))
        var done = 0
        while done < data.count {
            let n = data.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return (data, FileStamp(st))
    }

    /// Every regular file under `directory`, as paths relative to it, sorted byte-wise so a digest
    /// over them does not depend on the file system's order. Symbolic links are followed. Folders
    /// directly under `directory` named in `skipping` are left out.
    static func files(under directory: String, skipping: Set<String> = []) -> [String] {
        entries(under: directory, skipping: skipping, stamped: false).map(\.path)
    }

    /// `files(under:)` with each file's stamp when `stamped` (taken relative to the open folder,
    /// which spares the kernel a walk of the whole path per file).
    static func entries(under directory: String, skipping: Set<String> = [], stamped: Bool) -> [(path: String, stamp: FileStamp?)] {
        var out: [(path: String, stamp: FileStamp?)] = []
        var pending = [""]
        var steps = 0
        while let rel = pending.popLast(), steps < 1_000_000 {
            steps += 1
            guard let dir = opendir(rel.isEmpty ? directory : directory + "/" + rel) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let path = rel.isEmpty ? name : rel + "/" + name
                var type = entry.pointee.d_type
                var stamp: FileStamp?
                if type == dtUnknown || type == dtLink || (stamped && type == dtRegular) {
                    var st = stat()
                    guard fstatat(dirfd(dir), name, &st, 0) == 0 else { continue }
                    type = (st.st_mode & S_IFMT) == S_IFDIR ? dtDirectory : (st.st_mode & S_IFMT) == S_IFREG ? dtRegular : dtUnknown
                    if stamped, type == dtRegular { stamp = FileStamp(st) }
                }
                if type == dtDirectory { if !(rel.isEmpty && skipping.contains(name)) { pending.append(path) } } else if type == dtRegular { out.append((path, stamp)) }
            }
        }
        return out.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).withUnsafeBytes { Hex.string($0) }
    }
}
