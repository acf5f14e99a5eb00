import Crypto
import Foundation
import Jsonnet

/// What goes into one of the input digests the index records: texts and files, each file with
/// its path (relative to its base) and its bytes, in order. The digest is computed from the
/// bytes, as it always was, unless every file's digest is known by stat; then a signature over
/// the paths and those per-file digests finds it in the memo, without reading a file.
struct DigestRecipe {
    enum Part {
        case text(String)
        /// Paths relative to `base`, with their stamps when the listing took them.
        case files([String], base: String, stamps: [FileStamp?]?)
    }

    var parts: [Part] = []

    mutating func add(_ text: String) { parts.append(.text(text)) }
    mutating func add(files: [String], in base: String) { parts.append(.files(files, base: base, stamps: nil)) }

    /// Every file under `directory` (paths and bytes): a function folder, the templates.
    static func tree(_ directory: String) -> DigestRecipe {
        let entries = FileTree.entries(under: directory, stamped: true)
        return DigestRecipe(parts: [.files(entries.map(\.path), base: directory, stamps: entries.map(\.stamp))])
    }

    func digest(_ hashes: FileHashes, _ memo: DigestMemo) -> String {
        if let signature = rememberedSignature(hashes), let d = memo.recall(signature) { return d.hex }
        var digest = SHA256(), signature = Signature()
        for part in parts {
            switch part {
            case .text(let t):
                digest.update(data: Array(t.utf8))
                signature.add(t)
            case .files(let files, let base, _):
                for f in files {
                    digest.update(data: Array(f.utf8) + [0])
                    if let (bytes, hash, _) = hashes.read(base.isEmpty ? f : base + "/" + f) {
                        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { digest.update(bufferPointer: $0) }
                        bytes.withUnsafeBytes { digest.update(bufferPointer: $0) }
                        signature.add(file: f, hash)
                    } else {
                        // A file that cannot be read still counts, with a marker.
                        digest.update(data: [0xFF])
                        signature.add(file: f, nil)
                    }
                }
            }
        }
        let result = ContentHash(digest.finalize())
        memo.record(signature.value, result)
        return result.hex
    }

    /// The signature when every file's digest is remembered by stat, else nil.
    private func rememberedSignature(_ hashes: FileHashes) -> ContentHash? {
        var signature = Signature()
        for part in parts {
            switch part {
            case .text(let t):
                signature.add(t)
            case .files(let files, let base, let stamps):
                for (k, f) in files.enumerated() {
                    let path = base.isEmpty ? f : base + "/" + f
                    let stamp = stamps.map { $0[k] } ?? FileStamp(path: path)
                    guard let stamp, let h = hashes.remembered(path, stamp: stamp) else { return nil }
                    signature.add(file: f, h)
                }
            }
        }
        return signature.value
    }

    /// Texts, paths and per-file digests, each tagged and length-prefixed so that no two recipes
    /// share a signature.
    private struct Signature {
        private var hasher = SHA256()

        mutating func add(_ text: String) {
            hasher.update(data: [1])
            bytes(Array(text.utf8))
        }

        mutating func add(file: String, _ hash: ContentHash?) {
            hasher.update(data: [2])
            bytes(Array(file.utf8))
            if let hash {
                hasher.update(data: [0])
                hash.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            } else {
                hasher.update(data: [0xFF])
            }
        }

        private mutating func bytes(_ b: [UInt8]) {
            withUnsafeBytes(of: UInt64(b.count).littleEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: b)
        }

        var value: ContentHash { ContentHash(hasher.finalize()) }
    }
}
