import ArgumentParser

/// `kfn-runtime`: the process inside every function pod.
/// With no subcommand it serves the function (`serve`); `consume` feeds it from Kafka.
@main
struct KfnRuntime: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kfn-runtime",
        abstract: "The kfn function server (Kubeless runtime contract) and Kafka consumer.",
        subcommands: [Serve.self, Consume.self],
        defaultSubcommand: Serve.self
    )
}
