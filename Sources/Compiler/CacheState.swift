import Catalog
import Diagnostics
import Foundation
import Output

/// One build's use of the build cache: what it loaded, and what it learns while it runs. With
/// no cache directory nothing is loaded or saved and every file is read, as in a fresh clone.
struct CacheState: Sendable {
    /// The cache file, or nil when the build runs without a cache.
    let file: String?
    let loaded: BuildCache?
    let hashes: FileHashes
    let memo: DigestMemo

    init(options: BuildOptions) {
        let started = FileStamp.now()
        file = options.cacheDirectory.map { BuildCache.file(in: $0, outputDirectory: options.outputDirectory) }
        loaded = file.flatMap(BuildCache.load)
        hashes = FileHashes(paths: loaded?.filePaths ?? [], entries: loaded?.fileEntries ?? [], started: started, recording: file != nil)
        memo = DigestMemo(keys: loaded?.signatures ?? [], values: loaded?.digests ?? [])
    }

    func digest(_ recipe: DigestRecipe) -> String {
        recipe.digest(hashes, memo)
    }

    /// The catalog and its warnings, evaluated by libjsonnet only when the cached evaluation is
    /// not current; also returns the record to keep and whether libjsonnet ran.
    func catalog(_ loader: CatalogLoader) throws(DiagnosticsError)
        -> (catalog: Catalog, warnings: [Diagnostic], record: CatalogRecord?, evaluated: Bool) {
        if let record = loaded?.catalog, record.isCurrent(for: loader, hashes: hashes) {
            let (catalog, warnings) = try loader.decode(record.evaluated)
            return (catalog, warnings, record, false)
        }
        let evaluated = try loader.evaluate()
        let (catalog, warnings) = try loader.decode(evaluated)
        return (catalog, warnings, file == nil ? nil : CatalogRecord(evaluated, loader: loader, hashes: hashes), true)
    }

    /// Saves what this build learnt, unless it is exactly what was loaded. `written` are the files
    /// the build has just written, with the digests of their bytes.
    func save(written: [String: ContentHash], catalog: CatalogRecord?, output: OutputRecord?) {
        guard let file else { return }
        for (path, hash) in written { hashes.wrote(path, hash: hash) }
        if let loaded, written.isEmpty, hashes.learntNothing, memo.learntNothing, loaded.catalog == catalog, loaded.output == output { return }
        let files = hashes.entries, digests = memo.entries
        BuildCache(savedAt: FileStamp.now(), filePaths: files.map(\.0), fileEntries: files.map(\.1), signatures: digests.map(\.0),
                   digests: digests.map(\.1), catalog: catalog, output: output).save(to: file)
    }
}
