import Crypto
import Foundation
import Jsonnet

/// A SHA-256 digest as four words: what the build cache stores and compares by the tens of
/// thousands, without a 64-character string per file.
struct ContentHash: Hashable, Sendable {
    var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    init(_ digest: SHA256.Digest) {
        (w0, w1, w2, w3) = digest.withUnsafeBytes { Self.words($0) }
    }

    init(words: (UInt64, UInt64, UInt64, UInt64)) {
        (w0, w1, w2, w3) = words
    }

    /// Parses the lower-case hexadecimal text `Hex.string` writes; nil for anything else.
    init?(hex: String) {
        var hex = hex
        let words = hex.withUTF8 { text -> (UInt64, UInt64, UInt64, UInt64)? in
            guard text.count == 64 else { return nil }
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &words) { bytes -> Bool in
                for k in 0..<32 {
                    guard let high = Self.nibble(text[2 * k]), let low = Self.nibble(text[2 * k + 1]) else { return false }
                    bytes[k] = high << 4 | low
                }
                return true
            }
            return ok ? words : nil
        }
        guard let words else { return nil }
        (w0, w1, w2, w3) = words
    }

    @inline(__always)
    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        default: nil
        }
    }

    static func of(_ bytes: some DataProtocol) -> ContentHash { ContentHash(SHA256.hash(data: bytes)) }

    private static func words(_ p: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        (p.loadUnaligned(fromByteOffset: 0, as: UInt64.self), p.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
         p.loadUnaligned(fromByteOffset: 16, as: UInt64.self), p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        Swift.withUnsafeBytes(of: (w0, w1, w2, w3)) { body($0) }
    }

    var hex: String { withUnsafeBytes { Hex.string($0) } }
}
