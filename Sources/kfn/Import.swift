import ArgumentParser
import Diagnostics
import Foundation
import Migrate

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert Kubeless Functions and their triggers into function folders.",
        discussion: """
        Reads Kubeless custom resources (Function, HTTPTrigger, CronJobTrigger, KafkaTrigger of \
        kubeless.io/v1beta1), as `kubectl get functions,httptriggers,cronjobtriggers,kafkatriggers -A -o yaml` \
        or `kubeless function deploy --dryrun -o yaml` print them, and writes functions/<name>/ per \
        Function: function.jsonnet, the source as <module><fileNameSuffix> (archives unpacked) and the \
        dependency file. Then `kfn build` generates the objects Kubeless created.

        Every field that cannot be carried over is a warning with its file, line and value path. \
        Nothing is written when there is an error; existing folders are replaced only with --force. \
        The full mapping: docs/import.md.
        """)

    @Argument(help: ArgumentHelp("YAML files with Kubeless objects; - reads standard input.", valueName: "file"))
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("The runtime catalog (for source file suffixes and dependency file names).", valueName: "file"))
    var runtimes = "runtimes/runtimes.jsonnet"

    @Option(name: .long, help: ArgumentHelp("Where to write the function folders.", valueName: "dir"))
    var functions = "functions"

    @Option(name: .long, help: ArgumentHelp("Kafka brokers for KafkaTriggers (host:port, comma-separated); without it a marked placeholder is written.", valueName: "brokers"))
    var kafkaBrokers: String?

    @Flag(help: "Replace function folders that exist already.") var force = false
    @Flag(help: "Print what would be written; write nothing.") var dryRun = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    var brokers: [String] {
        (kafkaBrokers ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name at least one YAML file, or - for standard input") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read once") }
        if kafkaBrokers != nil, brokers.isEmpty || brokers.contains(where: { !$0.contains(":") }) {
            throw ValidationError("--kafka-brokers takes host:port entries separated by commas, e.g. kafka-0.kafka:9092,kafka-1.kafka:9092")
        }
    }

    func run() throws {
        let options = Importer.Options(inputs: inputs, functionsDirectory: functions, runtimes: runtimes, kafkaBrokers: brokers, force: force)
        let plan: ImportPlan
        do {
            plan = try Importer(options: options).plan()
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(1)
        }
        if !quiet { Terminal.report(plan.warnings) }
        if dryRun {
            print(plan.description, terminator: "")
            return
        }
        if let failure = plan.write() {
            Terminal.error("error: \(failure)")
            throw ExitCode(1)
        }
        if !quiet {
            let warnings = plan.warnings.filter { $0.severity == .warning }.count
            print("imported \(plan.folders.count) function\(plan.folders.count == 1 ? "" : "s") into \(functions)/: "
                  + plan.folders.map { ($0.path as NSString).lastPathComponent }.joined(separator: ", ")
                  + (warnings > 0 ? "; \(warnings) warning\(warnings == 1 ? "" : "s") above" : ""))
            print("next: kfn build, then review and commit \(functions)/ and out/")
        }
    }
}
