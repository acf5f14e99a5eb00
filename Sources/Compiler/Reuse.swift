import Dispatch
import Foundation
import Functions
import Output

/// What a build can take over from the previous one without work: functions whose inputs did not
/// change and whose files are still on disk with the recorded bytes.
enum Reuse {
    /// An unchanged function: its index entry and its files as read from disk.
    struct Function: Sendable {
        var key: String
        var entry: OutputIndex.Entry
        var files: [String: Data]
    }

    /// The files of an entry, when all are still on disk with the bytes the index recorded (one
    /// read per file: the plan is told they are verified and does not read them again).
    static func files(_ recorded: [String: String], in directory: String) -> [String: Data]? {
        var out: [String: Data] = [:]
        for (path, digest) in recorded {
            guard let data = FileTree.contents(directory + "/" + path), FileTree.sha256(data) == digest else { return nil }
            out[path] = data
        }
        return out
    }

    /// Per definition, the unchanged function it still is, or nil when it must be evaluated: its
    /// folder digest differs from the recorded one, it is new, or one of its files was edited or
    /// removed (so the build repairs it).
    static func unchanged(_ definitions: [FunctionLoader.Definition], folderDigests: [String], previous: OutputIndex,
                          in directory: String, parallelism: Int) -> [Function?] {
        let byDefinition = Dictionary(previous.functions.map { ($0.value.definition, $0) }) { a, _ in a }
        let out = Slots<Function>(count: definitions.count)
        let workers = max(1, min(parallelism, definitions.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: definitions.count, by: workers) {
                guard let found = byDefinition[definitions[i].file], !found.value.inputs.isEmpty,
                      found.value.inputs == folderDigests[i], let data = Self.files(found.value.files, in: directory) else { continue }
                out[i] = Function(key: found.key, entry: found.value, files: data)
            }
        }
        return out.values
    }
}
