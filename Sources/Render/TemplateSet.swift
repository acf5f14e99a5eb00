import Diagnostics
import Foundation
import Jsonnet

/// The jsonnet templates that shape the objects, one file per kind in `templates/`. Each file is a
/// function of the function model (and, for `kafka-consumer`, of the Kafka trigger) that returns
/// one Kubernetes object, an array of them, or null.
public struct TemplateSet: Sendable {
    public static let names = ["configmap", "deployment", "service", "ingress", "cronjob", "hpa", "kafka-consumer"]

    public var directory: String

    public init(directory: String) {
        self.directory = PathNormalizer.normalize(directory)
    }

    public func file(_ name: String) -> String { directory + "/" + name + ".jsonnet" }

    /// The jsonnet local name for a template (`kafka-consumer` → `kafka_consumer`).
    static func local(_ name: String) -> String { name.replacingOccurrences(of: "-", with: "_") }

    /// `local configmap = import 'configmap.jsonnet'; …` for the templates in use.
    func prelude(_ names: [String]) -> String {
        names.map { "local \(Self.local($0)) = import \(JSONWriter.quoted($0 + ".jsonnet"));" }.joined(separator: "\n")
    }

    /// Checks that every template in use exists and evaluates to a function before any function is
    /// rendered: a broken template would otherwise fail every function at once.
    public func check(_ names: [String], configuration: JsonnetConfiguration) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for n in names where !FileManager.default.fileExists(atPath: file(n)) {
            problems.append(.error("template \(n).jsonnet is missing", at: .file(file(n)),
                                   hint: "restore it from the kfn repository (`git checkout -- \(file(n))`) or write one that returns the \(n) object"))
        }
        if !problems.isEmpty { return problems }
        let vm = JsonnetVM(configuration)
        // All templates in one evaluation first: libjsonnet pays for its standard library once per
        // imported file and evaluation, so checking each apart cost a fifth of a second per template.
        if Self.areFunctions(names, after: prelude(names), vm: vm, filename: directory + "/.kfn-check.jsonnet") { return [] }
        for n in names {
            do {
                let t = try vm.evaluate(snippet: "std.type(import \(JSONWriter.quoted(n + ".jsonnet")))", filename: directory + "/.kfn-check.jsonnet")
                if t != "\"function\"\n", t != "\"function\"" {
                    problems.append(.error("template \(n).jsonnet must evaluate to a function of the function model, got \(t.trimmingCharacters(in: .whitespacesAndNewlines))",
                                           at: .file(file(n)), hint: "write it as `function(fn) { apiVersion: ..., kind: ..., ... }`"))
                }
            } catch {
                problems.append(error.diagnostic(hiding: [directory + "/.kfn-check.jsonnet"], fallback: .file(file(n))))
            }
        }
        return problems
    }

    /// Whether every template in `names` is a function once `prelude` has bound it to its local
    /// name (by import, or inlined by `TemplateBundle`), in one evaluation.
    static func areFunctions(_ names: [String], after prelude: String, vm: JsonnetVM, filename: String) -> Bool {
        let program = prelude + "\n[" + names.map { "std.type(\(local($0)))" }.joined(separator: ", ") + "]"
        guard let text = try? vm.evaluate(snippet: program, filename: filename),
              case .array(let types)? = try? JSONParser.parse(text) else { return false }
        return types == names.map { _ in JSONValue.string("function") }
    }
}
