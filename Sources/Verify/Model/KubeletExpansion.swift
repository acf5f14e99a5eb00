/// `$(VAR)` references expanded exactly as the kubelet expands them in a container's env, command
/// and args (Kubernetes' `third_party/forked/golang/expansion`), so a function verified locally
/// sees the values it will see in its pod:
/// - `$(NAME)` becomes the value of NAME when it is defined, and stays `$(NAME)` when it is not;
/// - `$$` is an escaped `$`; a `$` before anything else, or an unclosed `$(`, is kept as written;
/// - env entries are expanded in order, each against the entries *before* it (so a later entry
///   can use `$(KUBELESS_INSTALL_VOLUME)` but an earlier one cannot).
public enum KubeletExpansion {
    public static func expand(_ input: String, _ values: [String: String]) -> String {
        let bytes = Array(input.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count else {
                out.append(bytes[i])
                i += 1
                continue
            }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "$") {
                out.append(next)
                i += 2
            } else if next == UInt8(ascii: "("), let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ")")) {
                let name = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
                if let value = values[name] {
                    out += Array(value.utf8)
                } else {
                    out += bytes[i...close]
                }
                i = close + 1
            } else {
                // `$x` or an unclosed `$(`: both bytes literally, and scanning goes on after them.
                out += [bytes[i], next]
                i += 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Resolves an env list in order; a repeated name takes the later value (as in a pod).
    public static func resolve(_ entries: [(name: String, value: String)], base: [String: String] = [:]) -> [String: String] {
        var values: [String: String] = [:]
        for e in entries {
            values[e.name] = expand(e.value, values.merging(base) { own, _ in own })
        }
        return values
    }
}
