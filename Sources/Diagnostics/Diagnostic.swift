/// One problem found in the inputs, with where it is and what to do about it.
///
/// Every stage collects all of its diagnostics before it stops, so a user sees every problem of a
/// build at once. How a diagnostic is printed lives in `DiagnosticRenderer`, not here.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    public var message: String
    /// What the user should do next; printed on its own line.
    public var hint: String?
    public var location: Location

    public init(_ severity: Severity = .error, _ message: String, at location: Location = .none, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.hint = hint
        self.location = location
    }

    public static func error(_ message: String, at location: Location = .none, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint)
    }

    public static func warning(_ message: String, at location: Location = .none, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint)
    }

    public var description: String { DiagnosticRenderer().render(self) }
}

/// Where a diagnostic points: a position in a source file, or a value inside what a file evaluated to.
public enum Location: Sendable, Hashable, Comparable {
    case none
    /// A whole file or folder.
    case file(String)
    /// `file:line:col`, 1-based.
    case source(file: String, line: Int, column: Int)
    /// A value path such as `.schedule.cron` inside what `file` evaluated to, with the line where
    /// the field is written when it could be found in the text.
    case value(file: String, path: String, line: Int?)

    public var file: String? {
        switch self {
        case .none: nil
        case .file(let f), .source(let f, _, _), .value(let f, _, _): f
        }
    }

    var sortKey: (String, Int, Int, String) {
        switch self {
        case .none: ("", 0, 0, "")
        case .file(let f): (f, 0, 0, "")
        case .source(let f, let l, let c): (f, l, c, "")
        case .value(let f, let p, let l): (f, l ?? 0, 0, p)
        }
    }

    public static func < (lhs: Location, rhs: Location) -> Bool { lhs.sortKey < rhs.sortKey }
}

/// A failed stage: every diagnostic it collected (errors, and the warnings seen on the way).
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map { DiagnosticRenderer().render($0) }.joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Stable order for printing: by file, line and path, errors and warnings interleaved as found.
    public func sortedForDisplay() -> [Diagnostic] {
        enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            return a.offset < b.offset
        }.map(\.element)
    }
}
