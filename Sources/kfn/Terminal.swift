import ArgumentParser
import Compiler
import Diagnostics
import Foundation
import Output

/// The one place that turns diagnostics into text on stderr and failures into exit codes.
enum Terminal {
    static var colored: Bool { isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let renderer = DiagnosticRenderer(color: colored)
        error(renderer.render(diagnostics.sortedForDisplay()))
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 { error("\(errors) error\(errors == 1 ? "" : "s"); nothing was written") }
    }

    /// Runs a build; reports its diagnostics; exits 1 on errors.
    static func compile(_ options: BuildOptions) throws -> Compiler.Result {
        do {
            let result = try Compiler(options: options).build()
            report(result.warnings)
            return result
        } catch {
            report(error.diagnostics)
            throw ExitCode(1)
        }
    }

    static func describe(_ c: OutputPlan.Change) -> String {
        switch c {
        case .create: "created"
        case .update: "updated"
        case .delete: "deleted"
        }
    }
}
