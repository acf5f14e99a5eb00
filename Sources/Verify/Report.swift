import Foundation
import Jsonnet

/// One row of the result table: a verify case, the CronJob call, or a function-level step that
/// failed (prepare, install, compile, start) before any case could run.
public struct CaseResult: Sendable, Hashable {
    public enum Status: String, Sendable { case pass, fail, skip }

    /// `namespace/name`.
    public var function: String
    public var name: String
    public var status: Status
    public var seconds: Double
    /// Why it failed or was skipped.
    public var reason: String?
    /// The function's log tail, for failures.
    public var log: String?

    public init(function: String, name: String, status: Status, seconds: Double, reason: String? = nil, log: String? = nil) {
        self.function = function
        self.name = name
        self.status = status
        self.seconds = seconds
        self.reason = reason
        self.log = log
    }
}

/// The table, the failure details and the summary line; or the same as one JSON document.
public enum Report {
    public static func table(_ results: [CaseResult]) -> String {
        var rows = [["FUNCTION", "CASE", "STATUS", "TIME"]]
        for r in results {
            rows.append([r.function, r.name, r.status.rawValue.uppercased(), String(format: "%.2fs", r.seconds)])
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    /// Each failure with its reason and the function's log tail; each skip with its reason.
    public static func details(_ results: [CaseResult]) -> String {
        var out = ""
        for r in results where r.status != .pass {
            out += "\(r.status.rawValue.uppercased()) \(r.function) › \(r.name): \(r.reason ?? "")\n"
            if let log = r.log, !log.isEmpty {
                out += "  log tail:\n" + log.split(separator: "\n", omittingEmptySubsequences: false).map { "    | " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return out
    }

    public static func summary(_ results: [CaseResult], seconds: Double) -> String {
        let functions = Set(results.map(\.function)).count
        let count = { (s: CaseResult.Status) in results.filter { $0.status == s }.count }
        let verdict = count(.fail) > 0 ? "FAILED" : "ok"
        return "\(verdict): \(functions) function\(functions == 1 ? "" : "s"), \(count(.pass)) passed, \(count(.fail)) failed, "
            + "\(count(.skip)) skipped in \(String(format: "%.1f", seconds))s"
    }

    public static func json(_ results: [CaseResult], seconds: Double) -> String {
        let rows: [JSONValue] = results.map { r in
            var o: [String: JSONValue] = [
                "function": .string(r.function), "case": .string(r.name), "status": .string(r.status.rawValue),
                "seconds": .number((r.seconds * 1000).rounded() / 1000),
            ]
            if let reason = r.reason { o["reason"] = .string(reason) }
            if let log = r.log { o["log"] = .string(log) }
            return .object(o)
        }
        let count = { (s: CaseResult.Status) in JSONValue.number(Double(results.filter { $0.status == s }.count)) }
        let doc: JSONValue = [
            "results": .array(rows),
            "summary": ["passed": count(.pass), "failed": count(.fail), "skipped": count(.skip),
                        "ok": .bool(!results.contains { $0.status == .fail }), "seconds": .number((seconds * 10).rounded() / 10)],
        ]
        return JSONWriter.write(doc) + "\n"
    }

    /// The last `lines` lines of a log file ("" when there is none).
    public static func tail(of path: String, lines: Int = 20) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let all = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let trimmed = all.last == "" ? all.dropLast() : all[...]
        return trimmed.suffix(lines).joined(separator: "\n")
    }
}
