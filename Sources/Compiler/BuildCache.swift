import Crypto
import Foundation
import Jsonnet
import Output

/// The local build cache (`.kfn-cache/` in the working directory by default), one file per output
/// folder: file digests remembered by stat, input digests by content signature, the catalog's
/// evaluation, and the last index with the digests of the index and kustomization files.
///
/// It lives outside `out/` because `out/` is committed and must stay a pure function of the
/// inputs, and stat data are not. Every entry states a fact about contents (these bytes have that
/// digest, these inputs evaluate to that text), so a cache can only save work, never change what
/// a build writes or what `--check` says: a missing, unreadable, truncated or foreign cache is
/// ignored and written afresh, and a fresh clone without one builds the same bytes.
struct BuildCache: Sendable {
    /// Bumped whenever the encoding changes; a cache of another format or kfn version is ignored.
    static let format: UInt32 = 1
    static let magic = Array("kfn-cache\n".utf8)
    static let end = Array("end\n".utf8)

    /// When the cache was written (`FileStamp.now()`): files changed since may be racily clean.
    var savedAt: Int64
    /// Remembered file digests; decoding leaves out those a file change could hide behind
    /// (changed at or after `savedAt`: racily clean).
    var filePaths: [String]
    var fileEntries: [FileHashes.Entry]
    var signatures: [ContentHash]
    var digests: [ContentHash]
    var catalog: CatalogRecord?
    var output: OutputRecord?

    /// The cache file of one output folder (however the folder is named on the command line) built
    /// from one working directory (the cache's paths are relative to it).
    static func file(in directory: String, outputDirectory: String) -> String {
        let out = outputDirectory.hasPrefix("/") ? outputDirectory : workingDirectory + "/" + outputDirectory
        let name = SHA256.hash(data: Array((workingDirectory + "\0" + PathNormalizer.normalize(out)).utf8))
        return directory + "/build-" + String(name.withUnsafeBytes { Hex.string($0) }.prefix(16))
    }

    static var workingDirectory: String { FileManager.default.currentDirectoryPath }

    /// The cache in `file`, or nil when there is none or it cannot be used.
    static func load(from file: String) -> BuildCache? {
        guard let data = FileTree.contents(file) else { return nil }
        return data.withUnsafeBytes { raw in
            var r = CacheReader(raw)
            return try? decode(&r)
        }
    }

    /// Writes the cache atomically (a temporary file renamed over the old one), creating the folder
    /// with a `.gitignore` and a `CACHEDIR.TAG` so that git and backup tools leave it alone.
    /// Failures are silent: the next build just has no cache.
    func save(to file: String) {
        let dir = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in [(".gitignore", "# Created by kfn: a local build cache, never committed.\n*\n"), ("CACHEDIR.TAG", """
            Signature: 8a477f597d28d172789f06886806bc55
            # This file is a cache directory tag created by kfn.
            # For information about cache directory tags, see https://bford.info/cachedir/

            """)] where access(dir + "/" + name, F_OK) != 0 {
            _ = OutputPlan.write(Data(text.utf8), to: dir + "/" + name)
        }
        let tmp = file + ".tmp-\(getpid())"
        var bytes = encoded()
        let written = bytes.withUnsafeMutableBytes { raw in
            OutputPlan.write(Data(bytesNoCopy: raw.baseAddress!, count: raw.count, deallocator: .none), to: tmp)
        }
        guard written else {
            unlink(tmp)
            return
        }
        if rename(tmp, file) != 0 { unlink(tmp) }
    }

    func encoded() -> [UInt8] {
        var w = CacheWriter(capacity: 64 + filePaths.count * 96 + (output?.index.functions.count ?? 0) * 400)
        w.raw(Self.magic)
        w.count(Int(Self.format))
        w.string(KfnVersion.current)
        w.string(Self.workingDirectory)
        w.int(savedAt)
        w.count(filePaths.count)
        for (path, e) in zip(filePaths, fileEntries) {
            w.string(path)
            w.int(e.stamp.size)
            w.int(e.stamp.mtime)
            w.int(e.stamp.ctime)
            w.word(e.stamp.inode)
            w.word(e.stamp.device)
            w.hash(e.hash)
        }
        w.count(digests.count)
        for (signature, digest) in zip(signatures, digests) {
            w.hash(signature)
            w.hash(digest)
        }
        w.flag(catalog != nil)
        if let catalog {
            w.string(catalog.key)
            w.count(catalog.files.count)
            for f in catalog.files {
                w.string(f.path)
                w.hash(f.hash)
                w.count(f.imports.count)
                for i in f.imports { w.string(i) }
            }
            w.string(catalog.evaluated.text)
            w.count(catalog.evaluated.inputs.count)
            for i in catalog.evaluated.inputs { w.string(i) }
        }
        w.flag(output != nil)
        if let output {
            w.hash(output.indexHash)
            w.hash(output.kustomizationHash)
            w.string(output.index.environment)
            w.string(output.index.inputs)
            w.count(output.index.functions.count)
            for (key, e) in output.index.functions {
                w.string(key)
                w.string(e.definition)
                w.string(e.digest)
                w.string(e.inputs)
                w.count(e.files.count)
                for (path, digest) in e.files {
                    w.string(path)
                    w.string(digest)
                }
            }
        }
        w.raw(Self.end)
        return w.bytes
    }

    static func decode(_ r: inout CacheReader) throws(CacheReader.Malformed) -> BuildCache? {
        guard try r.raw(magic.count) == magic, try r.count() == Int(format), try r.string() == KfnVersion.current,
              try r.string() == workingDirectory else { return nil }
        var cache = BuildCache(savedAt: try r.int(), filePaths: [], fileEntries: [], signatures: [], digests: [])
        let fileCount = try r.count()
        cache.filePaths.reserveCapacity(min(fileCount, 1 << 20))
        cache.fileEntries.reserveCapacity(min(fileCount, 1 << 20))
        for _ in 0..<fileCount {
            let path = try r.string()
            let stamp = FileStamp(size: try r.int(), mtime: try r.int(), ctime: try r.int(), inode: try r.word(), device: try r.word())
            let hash = try r.hash()
            guard stamp.changed < cache.savedAt else { continue }
            cache.filePaths.append(path)
            cache.fileEntries.append(FileHashes.Entry(stamp: stamp, hash: hash))
        }
        let digestCount = try r.count()
        cache.signatures.reserveCapacity(min(digestCount, 1 << 20))
        cache.digests.reserveCapacity(min(digestCount, 1 << 20))
        for _ in 0..<digestCount {
            cache.signatures.append(try r.hash())
            cache.digests.append(try r.hash())
        }
        if try r.flag() {
            let key = try r.string()
            var files: [CatalogRecord.File] = []
            for _ in 0..<(try r.count()) {
                let path = try r.string(), hash = try r.hash()
                var imports: [String] = []
                for _ in 0..<(try r.count()) { imports.append(try r.string()) }
                files.append(CatalogRecord.File(path: path, hash: hash, imports: imports))
            }
            let text = try r.string()
            var inputs: [String] = []
            for _ in 0..<(try r.count()) { inputs.append(try r.string()) }
            cache.catalog = CatalogRecord(key: key, files: files, evaluated: .init(text: text, inputs: inputs))
        }
        if try r.flag() {
            let indexHash = try r.hash(), kustomizationHash = try r.hash()
            var index = OutputIndex(environment: try r.string(), inputs: try r.string())
            let count = try r.count()
            index.functions.reserveCapacity(min(count, 1 << 20))
            for _ in 0..<count {
                let key = try r.string()
                var entry = OutputIndex.Entry(definition: try r.string(), digest: try r.string(), files: [:], inputs: try r.string())
                let n = try r.count()
                entry.files.reserveCapacity(min(n, 1 << 10))
                for _ in 0..<n { entry.files[try r.string()] = try r.string() }
                index.functions[key] = entry
            }
            cache.output = OutputRecord(index: index, indexHash: indexHash, kustomizationHash: kustomizationHash)
        }
        guard try r.raw(end.count) == end, r.isAtEnd else { return nil }
        return cache
    }
}
