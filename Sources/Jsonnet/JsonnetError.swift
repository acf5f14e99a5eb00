import Diagnostics

/// libjsonnet's error text, and its translation into a diagnostic with a position.
///
/// libjsonnet 0.18 reports `STATIC ERROR: file:line:col: message` for parse errors and
/// `RUNTIME ERROR: message` followed by one `\tfile:line:col-col\t…` line per stack frame for
/// evaluation errors. The innermost frame is where the error was raised.
public struct JsonnetError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The message without the stack, e.g. `boom` or `expected a comma before next field.`
    public var summary: String {
        let first = message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? message
        if first.hasPrefix("STATIC ERROR: ") {
            let rest = first.dropFirst("STATIC ERROR: ".count)
            if let frame = Self.parseFrame(String(rest)) { return frame.remainder }
            return String(rest)
        }
        if first.hasPrefix("RUNTIME ERROR: ") { return String(first.dropFirst("RUNTIME ERROR: ".count)) }
        return first
    }

    /// Stack positions, innermost first (the static error's position alone for a parse error).
    public var frames: [(file: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        let lines = message.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if let first = lines.first, first.hasPrefix("STATIC ERROR: "),
           let f = Self.parseFrame(String(first.dropFirst("STATIC ERROR: ".count))) {
            result.append((f.file, f.line, f.column))
        }
        for line in lines.dropFirst() where line.hasPrefix("\t") {
            let body = line.dropFirst()
            let position = body.split(separator: "\t", maxSplits: 1).first.map(String.init) ?? String(body)
            if let f = Self.parseFrame(position) { result.append((f.file, f.line, f.column)) }
        }
        return result
    }

    /// A diagnostic at the innermost frame that is not one of `hiddenFiles` (kfn's generated batch
    /// programs), falling back to `fallback` when every frame is hidden.
    public func diagnostic(hiding hiddenFiles: Set<String> = [], fallback: Location = .none, hint: String? = nil) -> Diagnostic {
        let location: Location
        if let f = frames.first(where: { !hiddenFiles.contains($0.file) }) {
            location = .source(file: f.file, line: f.line, column: f.column)
        } else {
            location = fallback
        }
        return .error(summary, at: location, hint: hint)
    }

    /// Parses `file:line:col` or `file:line:col-col` or `file:(l:c)-(l:c)` at the start of `text`,
    /// returning what follows (after `: `).
    static func parseFrame(_ text: String) -> (file: String, line: Int, column: Int, remainder: String)? {
        // Split from the left on ':' but allow ':' inside the file name by scanning for
        // ":<digits>:<digits>".
        let chars = Array(text)
        var k = 0
        while k < chars.count {
            if chars[k] == ":" {
                var j = k + 1
                var line = 0, digits = 0
                while j < chars.count, let d = chars[j].wholeNumberValue { line = line * 10 + d; j += 1; digits += 1 }
                if digits > 0, j < chars.count, chars[j] == ":" {
                    var m = j + 1
                    var col = 0, cdigits = 0
                    while m < chars.count, let d = chars[m].wholeNumberValue { col = col * 10 + d; m += 1; cdigits += 1 }
                    if cdigits > 0 {
                        while m < chars.count, chars[m] != ":" && chars[m] != "\t" && chars[m] != " " { m += 1 }
                        var rest = m < chars.count ? String(chars[m...]) : ""
                        if rest.hasPrefix(":") { rest.removeFirst() }
                        return (String(chars[..<k]), line, col, rest.trimmingCharacters(in: " "))
                    }
                }
                // `file:(3:5)-(4:1)` multi-line spans.
                if j < chars.count, chars[j] == "(" {
                    let inner = String(chars[(j + 1)...])
                    let nums = inner.prefix { $0 != ")" }.split(separator: ":")
                    if nums.count == 2, let l = Int(nums[0]), let c = Int(nums[1]) {
                        return (String(chars[..<k]), l, c, "")
                    }
                }
            }
            k += 1
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
