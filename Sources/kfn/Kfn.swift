import ArgumentParser

@main
struct Kfn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kfn",
        abstract: "Compile serverless functions into plain Kubernetes YAML for GitOps.",
        discussion: """
        kfn reads a runtime catalog (Kubeless schema, jsonnet) and a folder of function definitions \
        (functions/<name>/function.jsonnet), and writes one YAML file per Kubernetes object into out/, \
        ready to commit for Argo CD or Flux. Nothing runs in the cluster but the functions.

        Start with `kfn build`, commit out/, and gate CI with `kfn build --check`.
        Exit status: 0 success, 1 invalid input / stale output / failed verification, 64 bad usage.
        """,
        version: "0.1.0 (\(Allocator.description))",
        subcommands: [Build.self, Diff.self, Runtimes.self, Verify.self, Import.self]
    )
}
