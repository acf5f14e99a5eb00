import Diagnostics

/// Collects the diagnostics of an import; nothing is written when any of them is an error.
final class ImportLog {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.hasErrors }

    func add(_ d: Diagnostic) { diagnostics.append(d) }

    func error(_ message: String, at field: Field, hint: String? = nil) {
        add(.error(message, at: field.location, hint: hint))
    }

    func warning(_ message: String, at field: Field, hint: String? = nil) {
        add(.warning(message, at: field.location, hint: hint))
    }
}
