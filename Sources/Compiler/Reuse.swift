import Dispatch
import Foundation
import Functions
import Output

/// What a build can take over from the previous one without work: functions whose inputs did not
/// change and whose files are still on disk with the recorded bytes.
enum Reuse {
    /// An unchanged function: its index entry; its files are on disk as recorded.
    struct Function: Sendable {
        var key: String
        var entry: OutputIndex.Entry
    }

    /// Whether all files of an entry are still on disk with the bytes the index recorded (by stat
    /// when the cache remembers them, else read and hashed; the plan does not look at them again).
    static func intact(_ recorded: [String: String], in directory: String, hashes: FileHashes) -> Bool {
        recorded.allSatisfy { path, digest in ContentHash(hex: digest).map { hashes.hash(directory + "/" + path) == $0 } ?? false }
    }

    /// Per definition, the unchanged function it still is, or nil when it must be evaluated: its
    /// folder digest differs from the recorded one, it is new, or one of its files was edited or
    /// removed (so the build repairs it).
    static func unchanged(_ definitions: [FunctionLoader.Definition], folderDigests: [String], previous: OutputIndex,
                          in directory: String, hashes: FileHashes, parallelism: Int) -> [Function?] {
        let byDefinition = Dictionary(previous.functions.map { ($0.value.definition, $0) }) { a, _ in a }
        let out = Slots<Function>(count: definitions.count)
        let workers = max(1, min(parallelism, definitions.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: definitions.count, by: workers) {
                guard let found = byDefinition[definitions[i].file], !found.value.inputs.isEmpty,
                      found.value.inputs == folderDigests[i], intact(found.value.files, in: directory, hashes: hashes) else { continue }
                out[i] = Function(key: found.key, entry: found.value)
            }
        }
        return out.values
    }
}
