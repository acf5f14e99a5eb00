import Foundation
import Testing

/// `kfn build --timings` tells where a build spends its time, stage by stage, on stderr, and
/// changes nothing else.
@Suite struct TimingsTests {
    @Test func everyStageIsReportedWithItsCounts() throws {
        let ws = try OutputBehaviourTests.project()
        let first = try ws.kfn("build", "--timings")
        #expect(first.status == 0)
        #expect(first.stdout.contains("2 functions, 8 objects; 10 created; 2 rendered"), "\(first.stdout)")
        for stage in ["cache and discovery", "catalog", "input digests", "evaluate 2 definition(s)", "models", "render 2 function(s)",
                      "YAML", "index and plan", "write 10 change(s)", "save the build cache", "total"] {
            #expect(first.stderr.contains("\n" + stage), "missing \(stage) in \(first.stderr)")
        }
        // Every line after the heading ends with two durations.
        let table = first.stderr.components(separatedBy: "\n").drop { !$0.hasPrefix("stage") }.dropFirst().filter { !$0.isEmpty }
        #expect(table.count == 12)
        #expect(table.allSatisfy { $0.range(of: #"[0-9]+\.[0-9]{3} s +[0-9]+\.[0-9]{3} s$"#, options: .regularExpression) != nil })

        let again = try ws.kfn("build", "--timings", "--check")
        #expect(again.status == 0)
        #expect(again.stderr.contains("catalog (cached)"))
        #expect(again.stderr.contains("render 0 function(s)"))
        #expect(!again.stderr.contains("write "))

        let plain = try ws.kfn("build")
        #expect(!plain.stderr.contains("stage"))
    }
}
