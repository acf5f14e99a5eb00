import Foundation

/// SHA-256 digests of files, remembered by stat: the build cache's core, the way git's index and
/// ninja's log work. A file whose stamp (size, mtime, ctime, inode, device) is what it was when
/// its bytes were last hashed is not read again; any other file is read and hashed.
///
/// Racily clean files are handled as git handles them: a stamp is trusted only when the file
/// changed before the cache was written (otherwise a second write within the same clock tick
/// could leave the stamp as it was), and a file that changed after this build started is not
/// remembered from what the build read (it may still be being written). Both rules only ever
/// cause a file to be read again.
///
/// Shared by the parallel hashing workers: the remembered digests are immutable, what this build
/// learns is recorded under a lock.
final class FileHashes: @unchecked Sendable {
    struct Entry: Sendable, Equatable {
        var stamp: FileStamp
        var hash: ContentHash
    }

    private let memory: CacheMemory<String, Entry>
    /// When this build started (`FileStamp.now()`).
    let started: Int64
    private let lock = NSLock()
    private var readCount = 0

    /// Whether what the build reads is recorded (not when there is no cache to save it in).
    private let recording: Bool

    /// `paths` and `entries` as a cache left them, without the racily clean ones
    /// (`BuildCache.decode` leaves those out).
    init(paths: [String] = [], entries: [Entry] = [], started: Int64 = FileStamp.now(), recording: Bool = true) {
        memory = CacheMemory(keys: paths, values: entries)
        self.started = started
        self.recording = recording
    }

    /// The digest of the file's bytes, or nil when it is not a readable regular file.
    func hash(_ path: String) -> ContentHash? {
        remembered(path) ?? read(path)?.hash
    }

    /// The digest when the file's stamp is the remembered one (no read), else nil.
    func remembered(_ path: String) -> ContentHash? {
        guard let (slot, e) = memory.peek(path), let stamp = FileStamp(path: path), e.stamp == stamp else { return nil }
        memory.markUsed(slot)
        return e.hash
    }

    /// The digest when `stamp`, just taken, is the remembered one.
    func remembered(_ path: String, stamp: FileStamp) -> ContentHash? {
        guard let (slot, e) = memory.peek(path), e.stamp == stamp else { return nil }
        memory.markUsed(slot)
        return e.hash
    }

    /// The file's bytes and their digest, read now (for callers that need the bytes anyway).
    /// `stable` tells that the file last changed before this build started, so what an earlier
    /// stage of the build read from it was these bytes too.
    func read(_ path: String) -> (data: Data, hash: ContentHash, stable: Bool)? {
        guard let (data, stamp) = FileTree.read(path) else { return nil }
        let hash = ContentHash.of(data)
        lock.lock()
        readCount += 1
        lock.unlock()
        let stable = stamp.changed < started
        if stable, recording { memory.record(path, Entry(stamp: stamp, hash: hash)) }
        return (data, hash, stable)
    }

    /// Remembers a file this build has just written with bytes of digest `hash`.
    func wrote(_ path: String, hash: ContentHash) {
        guard let stamp = FileStamp(path: path) else { return }
        memory.record(path, Entry(stamp: stamp, hash: hash))
    }

    /// How many files this build read to hash them.
    var filesRead: Int {
        lock.lock()
        defer { lock.unlock() }
        return readCount
    }

    /// What the next build may trust: every file this build hashed or wrote, and nothing else
    /// (files no longer used drop out).
    var entries: [(String, Entry)] { memory.entries }

    /// Whether `entries` is exactly what was loaded: then the cache file need not be written.
    var learntNothing: Bool { memory.learntNothing }
}
