import Foundation
import Jsonnet

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
    /// The folder of the local build cache (file digests by stat, the catalog's evaluation, the
    /// last index), or nil to build without one. The cache never changes what a build writes,
    /// only how much it reads; it must not be inside the output folder, which is committed.
    public var cacheDirectory: String?

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

    /// A cache inside `out/` would be committed with it (and make `out/` depend on stat data).
    public var cacheIsInsideOutput: Bool {
        guard let cacheDirectory else { return false }
        return PathNormalizer.relative(cacheDirectory, to: out) != nil
    }

    /// The folder this build owns: `out/` or `out/<env>/`.
    public var outputDirectory: String {
        environment.isEmpty ? out : out + "/" + environment
    }
}

public enum KfnVersion {
    public static let current = "0.1.0"
}
