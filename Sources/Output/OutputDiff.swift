import Foundation

/// Unified diffs of a plan against the disk, through diff(1) so the output is the familiar one.
public enum OutputDiff {
    public static func render(_ plan: OutputPlan) -> String {
        var text = ""
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("kfn-diff-\(getpid())")
        try? FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        for change in plan.changes {
            let old = plan.directory + "/" + change.path
            let new = tmp.appendingPathComponent("new").path
            switch change {
            case .create(let p), .update(let p):
                FileManager.default.createFile(atPath: new, contents: plan.files[p]!)
                let from = { if case .create = change { "/dev/null" } else { old } }()
                text += run(["diff", "-u", "--label", "a/\(p)", "--label", "b/\(p)", from, new])
            case .delete(let p):
                text += run(["diff", "-u", "--label", "a/\(p)", "--label", "b/\(p)", old, "/dev/null"])
            }
        }
        return text
    }

    static func run(_ args: [String]) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = args
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return "(diff unavailable: \(error))\n" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
