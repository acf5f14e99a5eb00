import ArgumentParser

@main
struct Kfn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kfn", abstract: "kfn compiles serverless functions into Kubernetes YAML.")
}
