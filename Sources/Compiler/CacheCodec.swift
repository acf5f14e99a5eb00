import Foundation

/// The build cache's binary encoding: little-endian integers and length-prefixed UTF-8, written
/// into one buffer and read back with bounds checks. A megabytes-large cache must load in a few
/// milliseconds, which JSON through a general parser does not.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func word(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func count(_ n: Int) { withUnsafeBytes(of: UInt32(n).littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func flag(_ b: Bool) { bytes.append(b ? 1 : 0) }
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func string(_ s: String) {
        count(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func hash(_ h: ContentHash) {
        for w in [h.w0, h.w1, h.w2, h.w3] { word(w) }
    }
}

struct CacheReader {
    struct Malformed: Error {}

    private let bytes: UnsafeRawBufferPointer
    private var at = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { at == bytes.count }

    private mutating func take(_ n: Int) throws(Malformed) -> Int {
        guard n >= 0, bytes.count - at >= n else { throw Malformed() }
        defer { at += n }
        return at
    }

    mutating func int() throws(Malformed) -> Int64 { Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: Int64.self)) }
    mutating func word() throws(Malformed) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self)) }
    mutating func count() throws(Malformed) -> Int { Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self))) }

    mutating func raw(_ n: Int) throws(Malformed) -> [UInt8] {
        let start = try take(n)
        return Array(bytes[start..<start + n])
    }

    mutating func flag() throws(Malformed) -> Bool {
        switch bytes[try take(1)] {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    mutating func string() throws(Malformed) -> String {
        let n = try count()
        let start = try take(n)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<start + n]), as: UTF8.self)
    }

    mutating func hash() throws(Malformed) -> ContentHash {
        ContentHash(words: (try word(), try word(), try word(), try word()))
    }
}
