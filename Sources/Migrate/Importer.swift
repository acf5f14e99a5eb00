import Catalog
import Diagnostics
import Foundation

/// `kfn import`: reads Kubeless custom resources and plans the function folders they become.
/// The plan is complete before anything is written: any error leaves the disk untouched.
public struct Importer: Sendable {
    public struct Options: Sendable {
        /// YAML files; `-` reads standard input.
        public var inputs: [String]
        public var functionsDirectory: String
        public var runtimes: String
        public var importPaths: [String]
        public var kafkaBrokers: [String]
        /// Replace function folders that exist already.
        public var force: Bool

        public init(inputs: [String], functionsDirectory: String = "functions", runtimes: String = "runtimes/runtimes.jsonnet",
                    importPaths: [String] = [], kafkaBrokers: [String] = [], force: Bool = false) {
            self.inputs = inputs
            self.functionsDirectory = functionsDirectory
            self.runtimes = runtimes
            self.importPaths = importPaths
            self.kafkaBrokers = kafkaBrokers
            self.force = force
        }
    }

    public var options: Options
    /// Standard input, read once when an input is `-`.
    public var standardInput: @Sendable () -> Data

    public init(options: Options, standardInput: @escaping @Sendable () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) {
        self.options = options
        self.standardInput = standardInput
    }

    /// The folders to write and the warnings; throws every diagnostic when there is an error.
    public func plan() throws(DiagnosticsError) -> ImportPlan {
        // The catalog's own warnings (unpinned images) are `kfn build`'s business, not the import's.
        let (catalog, _) = try CatalogLoader(path: options.runtimes, importPaths: options.importPaths).load()
        let log = ImportLog()
        var objects = InputObjects()
        for input in options.inputs {
            let name = input == "-" ? "<stdin>" : input
            let data: Data
            if input == "-" {
                data = standardInput()
            } else if let d = FileManager.default.contents(atPath: input) {
                data = d
            } else {
                log.add(.error("cannot read the input file", at: .file(input), hint: "pass YAML files exported with `kubectl get functions,httptriggers,cronjobtriggers,kafkatriggers -A -o yaml`, or - for standard input"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                log.add(.error("the input is not UTF-8 text", at: .file(name)))
                continue
            }
            objects.read(text, file: name, log: log)
        }
        if objects.functions.isEmpty, !log.hasErrors {
            log.add(.error("no Kubeless Function in the input", at: .file(options.inputs.map { $0 == "-" ? "<stdin>" : $0 }.joined(separator: ", ")),
                           hint: "export them with `kubectl get functions,httptriggers,cronjobtriggers,kafkatriggers -A -o yaml > kubeless.yaml`"))
        }

        let mapper = FunctionMapper(catalog: catalog, catalogPath: options.runtimes, log: log)
        var drafts: [DefinitionDraft] = []
        var fieldsOfDraft: [Field] = []
        for object in objects.functions {
            guard let draft = mapper.map(object) else { continue }
            if let first = drafts.first(where: { $0.name == draft.name && $0.namespace == draft.namespace }) {
                log.error("Function \(draft.namespace)/\(draft.name) is in the input twice (first at \(first.origin.file):\(first.origin.line))", at: object,
                          hint: "import each Function once")
                continue
            }
            drafts.append(draft)
            fieldsOfDraft.append(object)
        }
        assignFolders(&drafts, log: log)

        let triggers = TriggerMapper(log: log, kafkaBrokers: options.kafkaBrokers, directory: options.functionsDirectory)
        objects.httpTriggers.forEach { triggers.http($0, &drafts) }
        objects.cronJobTriggers.forEach { triggers.cron($0, &drafts) }
        objects.kafkaTriggers.forEach { triggers.kafka($0, &drafts) }
        for object in fieldsOfDraft { object.reportUnconsumed(log, hint: FunctionMapper.unconsumedHint) }

        var plan = ImportPlan(directory: options.functionsDirectory, drafts: drafts, force: options.force)
        plan.checkExisting(log: log)
        if log.hasErrors { throw DiagnosticsError(log.diagnostics) }
        plan.warnings = log.diagnostics
        return plan
    }

    /// A folder per function, `<name>`; when Functions of different namespaces share a name, each
    /// of them gets `<namespace>-<name>` (and an explicit `name:`).
    private func assignFolders(_ drafts: inout [DefinitionDraft], log: ImportLog) {
        let clashing = Set(Dictionary(grouping: drafts, by: \.name).filter { $0.value.count > 1 }.keys)
        for i in drafts.indices where clashing.contains(drafts[i].name) {
            drafts[i].folder = "\(drafts[i].namespace)-\(drafts[i].name)"
        }
        var seen: [String: DefinitionDraft] = [:]
        for d in drafts {
            if let other = seen[d.folder] {
                log.add(.error("Functions \(other.namespace)/\(other.name) and \(d.namespace)/\(d.name) would both be imported into \(options.functionsDirectory)/\(d.folder)",
                               at: .value(file: d.origin.file, path: d.origin.path + ".metadata.name", line: d.origin.line),
                               hint: "import them separately, with different --functions folders"))
            }
            seen[d.folder] = d
        }
    }
}
