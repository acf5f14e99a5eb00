@testable import Compiler
import Foundation
import Testing

/// The stat rules of the build cache, on one file: when a remembered digest is trusted, and when
/// the file is read again (git's "racily clean" entries).
@Suite struct FileHashesTests {
    static func file(_ ws: Workspace, _ text: String) throws -> (path: String, stamp: FileStamp) {
        try ws.write(text, to: "f.txt")
        let path = ws.path + "/f.txt"
        return (path, try #require(FileStamp(path: path)))
    }

    static let bogus = ContentHash.of(Array("not the bytes".utf8))

    /// The digests a build gets from a cache saved at `savedAt` that remembered `entry` for `path`
    /// (through the cache file's encoding, where racily clean entries are dropped).
    static func hashes(_ path: String, _ entry: FileHashes.Entry, savedAt: Int64) throws -> FileHashes {
        let cache = BuildCache(savedAt: savedAt, filePaths: [path], fileEntries: [entry], signatures: [], digests: [])
        let decoded = try #require(cache.encoded().withUnsafeBytes { raw in
            var reader = CacheReader(raw)
            return try? BuildCache.decode(&reader)
        })
        return FileHashes(paths: decoded.filePaths, entries: decoded.fileEntries)
    }

    @Test func aMatchingStampOlderThanTheCacheIsTrustedWithoutReading() throws {
        let ws = try Workspace()
        let (path, stamp) = try Self.file(ws, "one")
        let hashes = try Self.hashes(path, .init(stamp: stamp, hash: Self.bogus), savedAt: stamp.changed + 1)
        #expect(hashes.hash(path) == Self.bogus)
        #expect(hashes.filesRead == 0)
    }

    @Test func aStampNotOlderThanTheCacheIsRacilyCleanAndReadAgain() throws {
        let ws = try Workspace()
        let (path, stamp) = try Self.file(ws, "one")
        let hashes = try Self.hashes(path, .init(stamp: stamp, hash: Self.bogus), savedAt: stamp.changed)
        #expect(hashes.hash(path) == ContentHash.of(Array("one".utf8)))
        #expect(hashes.filesRead == 1)
    }

    @Test func aChangedStampIsReadAgain() throws {
        let ws = try Workspace()
        let (path, stamp) = try Self.file(ws, "one")
        var old = stamp
        old.ctime -= 1
        let hashes = try Self.hashes(path, .init(stamp: old, hash: Self.bogus), savedAt: .max)
        #expect(hashes.hash(path) == ContentHash.of(Array("one".utf8)))
        #expect(hashes.filesRead == 1)
    }

    @Test func aFileChangedAfterTheBuildStartedIsNotRemembered() throws {
        let ws = try Workspace()
        let (path, stamp) = try Self.file(ws, "one")
        let late = FileHashes(started: stamp.changed)
        #expect(late.hash(path) != nil)
        #expect(late.entries.isEmpty)
        let early = FileHashes(started: stamp.changed + 1)
        #expect(early.hash(path) != nil)
        #expect(early.entries.map(\.1.stamp) == [stamp])
    }

    @Test func hexRoundTrips() throws {
        let h = ContentHash.of(Array("abc".utf8))
        #expect(h.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash(hex: h.hex) == h)
        #expect(ContentHash(hex: "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD") == nil)
        #expect(ContentHash(hex: String(h.hex.dropLast())) == nil)
    }
}
