/// Problems that stop `kfn verify` before any function runs (per-function failures are results,
/// not errors: the other functions still run).
public enum VerifyError: Error, CustomStringConvertible, Sendable {
    case noOutput(String)
    case manifest(String, String)
    case unknownFunction(String, known: [String])
    case runtimeBinaryMissing(String)
    case noCluster(String)
    case kubectlMissing
    case kubectl(String)
    case io(String)

    public var description: String {
        switch self {
        case .noOutput(let dir):
            "\(dir)/.kfn-index.json is missing or unreadable: run `kfn build` first"
        case .manifest(let key, let why):
            "\(key): \(why)"
        case .unknownFunction(let name, let known):
            "no function \(name) in out/ (functions: \(known.joined(separator: ", ")))"
        case .runtimeBinaryMissing(let searched):
            "kfn-runtime not found (looked in \(searched)): build it with `swift build --product kfn-runtime`, or pass --runtime-binary"
        case .noCluster(let why):
            "no Kubernetes cluster reachable: \(why)\n  hint: point KUBECONFIG (or --context) at a cluster, or use `kfn verify --local`"
        case .kubectlMissing:
            "kubectl is not installed (or not on PATH): install it, or use `kfn verify --local`"
        case .kubectl(let why):
            why
        case .io(let why):
            why
        }
    }
}
