import ArgumentParser

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the generated manifests and check each function's verify cases (not available yet).")

    func run() throws {
        Terminal.error("kfn verify is not implemented yet")
        throw ExitCode(1)
    }
}
