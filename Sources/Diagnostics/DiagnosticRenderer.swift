/// Turns diagnostics into text: `file:line:col: error: message` (the form editors and CI annotate),
/// a value path when there is no position, and the hint indented below.
public struct DiagnosticRenderer: Sendable {
    public var color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    public func render(_ d: Diagnostic) -> String {
        var prefix = ""
        switch d.location {
        case .none: break
        case .file(let f): prefix = "\(f): "
        case .source(let f, let l, let c): prefix = "\(f):\(l):\(c): "
        case .value(let f, let p, let l):
            let path = p.isEmpty ? "" : "\(p): "
            prefix = l.map { "\(f):\($0): \(path)" } ?? "\(f): \(path)"
        }
        let severity = d.severity.rawValue
        let label = color ? (d.severity == .error ? "\u{1B}[1;31m\(severity)\u{1B}[0m" : "\u{1B}[1;33m\(severity)\u{1B}[0m") : severity
        var text = "\(prefix)\(label): \(d.message)"
        if let hint = d.hint {
            text += "\n  hint: \(hint)"
        }
        return text
    }

    public func render(_ ds: [Diagnostic]) -> String {
        ds.map(render).joined(separator: "\n")
    }
}
