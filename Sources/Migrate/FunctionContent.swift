import Crypto
import Foundation
import Jsonnet

/// `spec.function` with its `function-content-type` and `checksum`, turned into the files of the
/// function folder the way the Kubeless `prepare` init container laid them out in `/kubeless`.
struct FunctionContent {
    enum Encoding: String { case text, base64, url }
    enum Archive: String { case zip, compressedtar }

    var encoding: Encoding
    var archive: Archive?
    /// `+deps`: the archive already holds the dependency file.
    var bundlesDeps: Bool

    /// `text`, `base64` or `url`, then optionally `+zip` or `+compressedtar`, then optionally `+deps`;
    /// empty means `text`. Nil for anything else (Kubeless failed such functions in `prepare`).
    init?(contentType: String) {
        let parts = contentType.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, let encoding = first.isEmpty && parts.count == 1 ? .text : Encoding(rawValue: first) else { return nil }
        self.encoding = encoding
        var rest = parts.dropFirst()
        archive = rest.first.flatMap(Archive.init(rawValue:))
        if archive != nil { rest = rest.dropFirst() }
        bundlesDeps = rest.first == "deps"
        if bundlesDeps { rest = rest.dropFirst() }
        guard rest.isEmpty else { return nil }
    }

    enum Problem: Error, Equatable {
        case notBase64
        case checksumFormat(String)
        case checksumMismatch(expected: String, actual: String)
        case archive(String)
    }

    /// The raw bytes: the text itself, or the decoded base64 (what Kubeless's checksum covers).
    func bytes(of content: String) -> Result<Data, Problem> {
        switch encoding {
        case .text, .url: return .success(Data(content.utf8))
        case .base64:
            guard let d = Data(base64Encoded: content, options: .ignoreUnknownCharacters) else { return .failure(.notBase64) }
            return .success(d)
        }
    }

    /// Checks `sha256:<hex>` against the raw bytes; an empty checksum checks nothing, as in Kubeless.
    static func verify(_ checksum: String, _ bytes: Data) -> Problem? {
        guard !checksum.isEmpty else { return nil }
        guard checksum.hasPrefix("sha256:") else { return .checksumFormat(checksum) }
        let expected = String(checksum.dropFirst("sha256:".count)).lowercased()
        let actual = Hex.string(SHA256.hash(data: bytes))
        return expected == actual ? nil : .checksumMismatch(expected: expected, actual: actual)
    }

    /// The files of the folder: one file `<module><suffix>`, or the archive's contents.
    func files(_ bytes: Data, fileName: String) -> Result<[String: Data], Problem> {
        switch archive {
        case nil: return .success([fileName: bytes])
        case .zip?: return Result { try ArchiveReader.zip(bytes) }.mapError { .archive("\($0)") }
        case .compressedtar?: return Result { try ArchiveReader.tar(bytes) }.mapError { .archive("\($0)") }
        }
    }
}
