import Foundation
import Jsonnet
import Testing
@testable import Verify

@Suite struct VerifyCaseTests {
    @Test func aDefinitionCaseIsReadWithDefaults() {
        let c = VerifyCase(["expect": ["contains": "hi"]], index: 2)
        #expect(c == VerifyCase(name: "case 3", method: "GET", path: "/", expect: .init(status: 200, contains: "hi")))
    }

    @Test func everyFieldOfADefinitionCaseIsKept() {
        let value: JSONValue = ["name": "n", "method": "POST", "path": "/x?a=1", "headers": ["Content-Type": "application/json"],
                                "body": "{}", "expect": ["status": 201, "body": "b", "json": ["a": 1], "headers": ["X": "y"]]]
        let c = VerifyCase(value, index: 0)
        #expect(c == VerifyCase(name: "n", method: "POST", path: "/x?a=1", headers: ["Content-Type": "application/json"], body: "{}",
                                expect: .init(status: 201, body: "b", json: ["a": 1], headers: ["X": "y"])))
    }

    @Test func anAnswerMeetingEveryExpectationPasses() {
        let c = VerifyCase(name: "n", expect: .init(status: 200, contains: "ell", json: ["greeting": "hello"], headers: ["content-type": "application/json"]))
        #expect(c.check(status: 200, headers: [("Content-Type", "application/json")], body: Data(#"{"greeting": "hello"}"#.utf8)) == nil)
    }

    @Test func eachUnmetExpectationIsNamed() {
        let c = VerifyCase(name: "n", expect: .init(status: 200, body: "hello world", contains: "bye", headers: ["X-A": "1"]))
        let problem = c.check(status: 500, headers: [], body: Data("oops".utf8))
        #expect(problem == #"status 500, expected 200; header X-A: missing, expected "1"; body "oops", expected "hello world"; body "oops" does not contain "bye""#)
    }

    @Test func jsonIsComparedAsValuesNotText() {
        let c = VerifyCase(name: "n", expect: .init(json: ["a": [1, 2], "b": true]))
        #expect(c.check(status: 200, body: Data(#"{ "b": true, "a": [1.0, 2] }"#.utf8)) == nil)
        #expect(c.check(status: 200, body: Data(#"{"a": [2, 1], "b": true}"#.utf8)) == #"JSON {"a":[2,1],"b":true}, expected {"a":[1,2],"b":true}"#)
        #expect(c.check(status: 200, body: Data("nope".utf8))?.contains("is not JSON") == true)
    }

    @Test func theReportHasATableDetailsAndASummary() {
        let results = [
            CaseResult(function: "default/a", name: "ok", status: .pass, seconds: 0.5),
            CaseResult(function: "default/b", name: "[install]", status: .fail, seconds: 1, reason: "install failed (exit status 1)", log: "pip: boom"),
        ]
        #expect(Report.table(results) == """
            FUNCTION   CASE       STATUS  TIME
            default/a  ok         PASS    0.50s
            default/b  [install]  FAIL    1.00s

            """)
        #expect(Report.details(results) == "FAIL default/b › [install]: install failed (exit status 1)\n  log tail:\n    | pip: boom\n")
        #expect(Report.summary(results, seconds: 2) == "FAILED: 2 functions, 1 passed, 1 failed, 0 skipped in 2.0s")
        let json = try? JSONParser.parse(Report.json(results, seconds: 2))
        #expect(json?["summary"]?["failed"] == 1)
        #expect(json?["results"]?.arrayValue?.last?["log"] == "pip: boom")
    }
}
