import Foundation

/// Validates cron schedules as the Kubernetes CronJob controller accepts them (robfig/cron's
/// standard parser): five fields, `*`, ranges, steps, lists, month and weekday names, and the
/// `@hourly` style macros. Returns a message naming the field that is wrong.
public enum Cron {
    struct Field { let name: String; let range: ClosedRange<Int>; let names: [String: Int] }

    static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let days = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]
    static let fields = [
        Field(name: "minute", range: 0...59, names: [:]),
        Field(name: "hour", range: 0...23, names: [:]),
        Field(name: "day of month", range: 1...31, names: [:]),
        Field(name: "month", range: 1...12, names: months),
        Field(name: "day of week", range: 0...7, names: days),
    ]
    public static let macros: Set<String> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]

    /// nil when valid, else what is wrong.
    public static func problem(in schedule: String) -> String? {
        let text = schedule.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("@") {
            if macros.contains(text) { return nil }
            if text.hasPrefix("@every") { return "'@every' is not supported by Kubernetes CronJobs" }
            return "unknown macro '\(text)' (use one of \(macros.sorted().joined(separator: ", ")))"
        }
        if text.hasPrefix("TZ=") || text.hasPrefix("CRON_TZ=") {
            return "time zones go in `schedule.timeZone`, not in the cron expression"
        }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 5 else {
            return "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), '\(schedule)' has \(parts.count)"
        }
        for (part, field) in zip(parts, fields) {
            if let p = problem(String(part), field) { return p }
        }
        return nil
    }

    static func problem(_ text: String, _ f: Field) -> String? {
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { return "empty list item in the \(f.name) field '\(text)'" }
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { return "more than one '/' in the \(f.name) field '\(item)'" }
            if pieces.count == 2 {
                guard let step = Int(pieces[1]), step > 0 else { return "the step '\(pieces[1])' in the \(f.name) field must be a positive number" }
                if step > f.range.upperBound { return "the step \(step) in the \(f.name) field is larger than \(f.range.upperBound)" }
            }
            let base = pieces[0]
            if base == "*" || base == "?" { continue }
            let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2 else { return "bad range '\(base)' in the \(f.name) field" }
            var values: [Int] = []
            for b in bounds {
                guard let v = Int(b) ?? f.names[b.lowercased()] else {
                    return "'\(b)' is not a valid \(f.name) (\(f.range.lowerBound)-\(f.range.upperBound)\(f.names.isEmpty ? "" : " or a name"))"
                }
                guard f.range.contains(v) else {
                    return "\(f.name) \(v) is out of range \(f.range.lowerBound)-\(f.range.upperBound)"
                }
                values.append(v)
            }
            if values.count == 2, values[0] > values[1] {
                return "the range \(base) in the \(f.name) field runs backwards"
            }
        }
        return nil
    }
}

