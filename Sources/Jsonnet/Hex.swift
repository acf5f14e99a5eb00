/// Lower-case hexadecimal text of digests. `String(format: "%02x")` per byte costs about a
/// microsecond on Linux (a Foundation format parse each time), which added up to whole seconds
/// over the tens of thousands of SHA-256 digests a large build records; the string is written in
/// place, without an intermediate array.
public enum Hex {
    public static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var k = 0
            for b in bytes {
                out[k] = digit(b >> 4)
                out[k + 1] = digit(b & 0x0F)
                k += 2
            }
            return k
        }
    }

    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        if let s = bytes.withContiguousStorageIfAvailable({ string(UnsafeRawBufferPointer($0)) }) { return s }
        return Array(bytes).withUnsafeBytes { string($0) }
    }

    @inline(__always)
    static func digit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x57 + n }
}
