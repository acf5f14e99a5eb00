import Foundation

/// Where a build reads and writes, and how strict it is.
public struct BuildOptions: Sendable {
    public var runtimes: String
    public var functions: String
    public var templates: String
    public var out: String
    /// The environment name: passed to jsonnet as `std.extVar('env')` and, when set, the build
    /// writes `out/<env>/`.
    public var environment: String
    /// Unpinned catalog images are errors, not warnings.
    public var strict: Bool
    public var importPaths: [String]
    public var parallelism: Int
    /// Skip evaluating definitions whose inputs are unchanged since the index was written. Off
    /// when every model is needed (`kfn build --dump-models`).
    public var reuseDefinitions = true

    public init(runtimes: String = "runtimes/runtimes.jsonnet", functions: String = "functions", templates: String = "templates",
                out: String = "out", environment: String = "", strict: Bool = false, importPaths: [String] = [],
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.runtimes = runtimes
        self.functions = functions
        self.templates = templates
        self.out = out
        self.environment = environment
        self.strict = strict
        self.importPaths = importPaths
        self.parallelism = parallelism
    }

    /// The folder this build owns: `out/` or `out/<env>/`.
    public var outputDirectory: String {
        environment.isEmpty ? out : out + "/" + environment
    }
}

public enum KfnVersion {
    public static let current = "0.1.0"
}
