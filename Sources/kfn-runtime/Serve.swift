import ArgumentParser
import Runtime

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the function named by MOD_NAME and FUNC_HANDLER over HTTP.")
    func run() async throws {
        throw ValidationError("not implemented yet")
    }
}
