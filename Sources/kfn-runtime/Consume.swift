import ArgumentParser
import Kafka

struct Consume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Consume a Kafka topic and POST every message to the function.")
    func run() async throws {
        throw ValidationError("not implemented yet")
    }
}
