/// A language kfn-runtime can run functions in, each through a worker shim in `runtimes/<lang>/`.
public enum Language: String, Sendable, CaseIterable, Equatable {
    case python, nodejs, ruby

    /// Reads the runtime ID the way the Kubeless controller does (the leading `[a-zA-Z_-]+` of
    /// `FUNC_RUNTIME`), then maps catalog variants onto one shim: `nodejs_distroless` and `nodejsCE`
    /// are Node.js, `python3.12` is Python.
    public init?(runtimeString: String) {
        let id = runtimeString.prefix { $0.isASCII && ($0.isLetter || $0 == "_" || $0 == "-") }.lowercased()
        if id.hasPrefix("python") {
            self = .python
        } else if id.hasPrefix("nodejs") || id == "node" {
            self = .nodejs
        } else if id.hasPrefix("ruby") {
            self = .ruby
        } else {
            return nil
        }
    }

    /// The catalog's `fileNameSuffix`: the module file is `<MOD_NAME><suffix>`.
    public var fileNameSuffix: String {
        switch self {
        case .python: ".py"
        case .nodejs: ".js"
        case .ruby: ".rb"
        }
    }

    /// The shim's file name inside `<KFN_RUNTIMES_DIR>/<language>/`.
    public var shimFileName: String {
        switch self {
        case .python: "kfn_worker.py"
        case .nodejs: "kfn-worker.js"
        case .ruby: "kfn_worker.rb"
        }
    }

    /// The interpreter, found on PATH; `KFN_PYTHON`, `KFN_NODE` or `KFN_RUBY` override it (a
    /// virtualenv's python, a specific node).
    public func interpreter(environment: [String: String]) -> String {
        switch self {
        case .python: environment["KFN_PYTHON"] ?? "python3"
        case .nodejs: environment["KFN_NODE"] ?? "node"
        case .ruby: environment["KFN_RUBY"] ?? "ruby"
        }
    }
}
