/// Lower-case hexadecimal text of digests. `String(format: "%02x")` per byte costs about a
/// microsecond on Linux (a Foundation format parse each time), which added up to whole seconds
/// over the tens of thousands of SHA-256 digests a large build records.
public enum Hex {
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        let digits: StaticString = "0123456789abcdef"
        var utf8: [UInt8] = []
        utf8.reserveCapacity(64)
        digits.withUTF8Buffer { d in
            for b in bytes {
                utf8.append(d[Int(b >> 4)])
                utf8.append(d[Int(b & 0x0F)])
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
