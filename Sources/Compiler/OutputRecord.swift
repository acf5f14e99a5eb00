import Foundation
import Output

/// The index a build produced and the digests of the index file's and `kustomization.yaml`'s
/// bytes, kept in the build cache. When the index on disk still has that digest, the next build
/// takes the index from here instead of parsing megabytes of JSON, and when its own index and
/// resource list come out the same, it neither serialises the index nor renders the
/// kustomization again: the bytes on disk are already the ones it would write.
struct OutputRecord: Sendable, Equatable {
    var index: OutputIndex
    /// Digest of `index.serialized()`.
    var indexHash: ContentHash
    /// Digest of the kustomization that lists the index's files.
    var kustomizationHash: ContentHash
}

/// The previous build's index, and whether the files on disk are exactly what the cache recorded.
struct PreviousOutput {
    var index: OutputIndex?
    /// Set when the index file on disk is `record.index.serialized()`, byte for byte.
    var record: OutputRecord?

    static let kustomization = "kustomization.yaml"

    static func read(from directory: String, cache: CacheState) -> PreviousOutput {
        if let record = cache.loaded?.output, cache.hashes.hash(directory + "/" + OutputIndex.fileName) == record.indexHash {
            return PreviousOutput(index: record.index, record: record)
        }
        return PreviousOutput(index: OutputIndex.read(from: directory), record: nil)
    }

    /// The digest of the index file on disk when it already is `index.serialized()`.
    func indexOnDisk(equals index: OutputIndex) -> ContentHash? {
        guard let record, record.index == index else { return nil }
        return record.indexHash
    }

    /// The digest of `kustomization.yaml` on disk when it already lists exactly the files of
    /// `index` (and has the bytes kfn writes for them). `sameIndex`: `index` is the recorded one.
    func kustomizationOnDisk(listing index: OutputIndex, sameIndex: Bool, in directory: String, hashes: FileHashes) -> ContentHash? {
        guard let record, sameIndex || Self.sameFiles(record.index, index),
              hashes.hash(directory + "/" + Self.kustomization) == record.kustomizationHash else { return nil }
        return record.kustomizationHash
    }

    /// Whether both indexes own the same files (the kustomization lists exactly those).
    static func sameFiles(_ a: OutputIndex, _ b: OutputIndex) -> Bool {
        guard a.functions.count == b.functions.count else { return false }
        for (key, entry) in a.functions {
            guard let other = b.functions[key] else { return false }
            if entry.files.count != other.files.count || entry.files.keys.contains(where: { other.files[$0] == nil }) { return false }
        }
        return true
    }
}
