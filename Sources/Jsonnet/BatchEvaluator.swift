import Dispatch
import Foundation

/// Evaluates many jsonnet expressions with few evaluations.
///
/// libjsonnet pays a fixed cost per evaluation (about 20 ms in 0.18), so evaluating one file per
/// function does not scale. The units are packed into chunk programs `<prelude> [u0, u1, …]`, the
/// chunks run in parallel on their own threads (one VM each), and each chunk's JSON array is split
/// back into one value per unit. A chunk that fails is bisected until every failing unit is found
/// with its own error, so one broken function neither hides the others' errors nor costs one
/// evaluation per unit.
public struct BatchEvaluator: Sendable {
    public struct Unit: Sendable {
        /// A jsonnet expression, valid after the prelude (may use its locals).
        public var expression: String
        /// An equivalent expression to evaluate instead when this unit is isolated after a failure,
        /// e.g. the import of a file whose text `expression` inlines: its errors then point into
        /// that file, not into the batch program.
        public var alone: String?
        public init(_ expression: String, alone: String? = nil) {
            self.expression = expression
            self.alone = alone
        }
    }

    public struct Output: Sendable {
        /// One result per unit, in unit order.
        public var results: [Result<JSONValue, JsonnetError>]
        /// Every file any VM imported.
        public var importedFiles: Set<String>
        /// Every import resolved, with the importing folder.
        public var imports: Set<JsonnetImport>
        /// How many evaluations libjsonnet ran (chunks plus bisection steps).
        public var evaluations: Int
    }

    public var configuration: JsonnetConfiguration
    /// The file name the chunk programs pretend to be: relative imports resolve next to it and
    /// errors inside it are kfn's, not the user's.
    public var entryFile: String
    /// Text placed before the unit array, typically `local t = import '…';`.
    public var prelude: String
    /// The prelude for a unit evaluated alone after a failure, when it differs: e.g. the imports
    /// of files that `prelude` inlines, so that errors point into those files.
    public var isolatedPrelude: String?
    public var parallelism: Int
    /// Upper bound on units per chunk; chunks are at least `units / parallelism` big.
    public var maxChunkSize: Int

    public init(configuration: JsonnetConfiguration, entryFile: String, prelude: String = "", isolatedPrelude: String? = nil,
                parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, maxChunkSize: Int = 1000) {
        self.configuration = configuration
        self.entryFile = entryFile
        self.prelude = prelude
        self.isolatedPrelude = isolatedPrelude
        self.parallelism = max(1, parallelism)
        self.maxChunkSize = max(1, maxChunkSize)
    }

    public func evaluate(_ units: [Unit]) -> Output {
        guard !units.isEmpty else { return Output(results: [], importedFiles: [], imports: [], evaluations: 0) }
        // A multiple of the thread count, so no thread idles while another evaluates a last chunk.
        let needed = max(parallelism, (units.count + maxChunkSize - 1) / maxChunkSize)
        let chunkCount = min(units.count, (needed + parallelism - 1) / parallelism * parallelism)
        let chunkSize = (units.count + chunkCount - 1) / chunkCount
        let ranges = stride(from: 0, to: units.count, by: chunkSize).map { $0..<min($0 + chunkSize, units.count) }

        let collector = Collector(count: units.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { c in
            let vm = JsonnetVM(configuration)
            var evaluations = 0
            var local: [(Int, Result<JSONValue, JsonnetError>)] = []
            evaluateRange(ranges[c], units: units, vm: vm, into: &local, evaluations: &evaluations)
            collector.add(local, files: vm.importedFiles, imports: vm.imports, evaluations: evaluations)
        }
        return collector.output()
    }

    private func program(_ range: Range<Int>, units: [Unit], prelude: String) -> String {
        var text = prelude
        text += "\n[\n"
        for i in range {
            text += units[i].expression
            text += ",\n"
        }
        text += "]\n"
        return text
    }

    private func evaluateRange(_ range: Range<Int>, units: [Unit], vm: JsonnetVM,
                               into results: inout [(Int, Result<JSONValue, JsonnetError>)], evaluations: inout Int,
                               isolated: Bool = false) {
        evaluations += 1
        do {
            let text = try vm.evaluate(snippet: program(range, units: units, prelude: isolated ? isolatedPrelude ?? prelude : prelude),
                                       filename: entryFile)
            let value = try JSONParser.parse(text)
            guard case .array(let items) = value, items.count == range.count else {
                throw JsonnetError(message: "RUNTIME ERROR: kfn batch returned \(value.typeName) instead of \(range.count) values")
            }
            for (k, i) in range.enumerated() { results.append((i, .success(items[k]))) }
        } catch let error as JsonnetError {
            if range.count == 1 {
                if let alone = units[range.lowerBound].alone {
                    var single = units
                    single[range.lowerBound] = Unit(alone)
                    evaluateRange(range, units: single, vm: vm, into: &results, evaluations: &evaluations, isolated: true)
                } else if isolatedPrelude != nil, !isolated {
                    evaluateRange(range, units: units, vm: vm, into: &results, evaluations: &evaluations, isolated: true)
                } else {
                    results.append((range.lowerBound, .failure(error)))
                }
                return
            }
            let mid = range.lowerBound + range.count / 2
            evaluateRange(range.lowerBound..<mid, units: units, vm: vm, into: &results, evaluations: &evaluations)
            evaluateRange(mid..<range.upperBound, units: units, vm: vm, into: &results, evaluations: &evaluations)
        } catch {
            for i in range { results.append((i, .failure(JsonnetError(message: "RUNTIME ERROR: \(error)")))) }
        }
    }
}

/// Gathers the per-thread results; the lock is held only to append.
private final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<JSONValue, JsonnetError>?]
    private var files: Set<String> = []
    private var imports: Set<JsonnetImport> = []
    private var evaluations = 0

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func add(_ items: [(Int, Result<JSONValue, JsonnetError>)], files moreFiles: Set<String>, imports more: Set<JsonnetImport>, evaluations n: Int) {
        lock.lock()
        defer { lock.unlock() }
        for (i, r) in items { results[i] = r }
        files.formUnion(moreFiles)
        imports.formUnion(more)
        evaluations += n
    }

    func output() -> BatchEvaluator.Output {
        lock.lock()
        defer { lock.unlock() }
        return BatchEvaluator.Output(
            results: results.map { $0 ?? .failure(JsonnetError(message: "RUNTIME ERROR: not evaluated")) },
            importedFiles: files, imports: imports, evaluations: evaluations)
    }
}
