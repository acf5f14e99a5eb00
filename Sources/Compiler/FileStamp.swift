import Foundation

/// What `stat` says about a file, the way git's index and ninja's log record it: when every field
/// is unchanged the bytes are taken to be unchanged, so the file need not be read again. The
/// change time (which no tool can set back) and the inode catch what size and mtime alone miss:
/// `touch -d` with a restored mtime, or a file replaced by a rename.
struct FileStamp: Hashable, Sendable {
    var size: Int64
    var mtime: Int64
    var ctime: Int64
    var inode: UInt64
    var device: UInt64

    init(size: Int64, mtime: Int64, ctime: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
        self.inode = inode
        self.device = device
    }

    init(_ st: stat) {
        #if os(Linux)
        let m = st.st_mtim, c = st.st_ctim
        #else
        let m = st.st_mtimespec, c = st.st_ctimespec
        #endif
        self.init(size: Int64(st.st_size), mtime: Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec),
                  ctime: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec), inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
    }

    /// The stamp of a regular file (symbolic links followed), or nil.
    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(st)
    }

    /// The later of the two times: a stamp is only as old as its last change.
    var changed: Int64 { max(mtime, ctime) }

    /// The clock file systems stamp files with. Linux takes file times from the coarse clock (one
    /// tick behind at most) or, with multigrain timestamps, from a finer one: either way not
    /// earlier than this, so "changed before now" holds for every stamp older than the result.
    static func now() -> Int64 {
        var ts = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_REALTIME_COARSE, &ts)
        #else
        clock_gettime(CLOCK_REALTIME, &ts)
        #endif
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
