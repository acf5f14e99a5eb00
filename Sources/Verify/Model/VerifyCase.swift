import Foundation
import Jsonnet

/// One `verify` case of a function definition: a request and what its answer must be.
public struct VerifyCase: Sendable, Hashable {
    public var name: String
    public var method: String
    /// Path and query, e.g. `/?name=kfn`.
    public var path: String
    public var headers: [String: String]
    public var body: String?
    public var expect: Expectation

    public struct Expectation: Sendable, Hashable {
        public var status: Int
        /// The exact body.
        public var body: String?
        /// A substring of the body.
        public var contains: String?
        /// The body parsed as JSON must equal this.
        public var json: JSONValue?
        /// Response headers that must be present with exactly these values (names case-insensitive).
        public var headers: [String: String]

        public init(status: Int = 200, body: String? = nil, contains: String? = nil, json: JSONValue? = nil,
                    headers: [String: String] = [:]) {
            self.status = status
            self.headers = headers
            self.body = body
            self.contains = contains
            self.json = json
        }
    }

    public init(name: String, method: String = "GET", path: String = "/", headers: [String: String] = [:], body: String? = nil,
                expect: Expectation = Expectation()) {
        self.name = name
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.expect = expect
    }

    /// A case as the definition writes it (`{name, method, path, headers, body, expect: {...}}`);
    /// the definition loader already checked the shape, so only defaults are filled in here.
    public init(_ value: JSONValue, index: Int) {
        let expect = value["expect"]
        let status = expect?["status"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } }
        let headers = Self.strings(value["headers"])
        let body: String? = switch value["body"] {
        case .string(let s)?: s
        case nil, .null?: nil
        case let other?: JSONWriter.write(other)
        }
        self.init(name: value["name"]?.stringValue ?? "case \(index + 1)",
                  method: (value["method"]?.stringValue ?? "GET").uppercased(),
                  path: value["path"]?.stringValue ?? "/",
                  headers: headers, body: body,
                  expect: Expectation(status: status ?? 200, body: expect?["body"]?.stringValue,
                                      contains: expect?["contains"]?.stringValue, json: expect?["json"],
                                      headers: Self.strings(expect?["headers"])))
    }

    private static func strings(_ value: JSONValue?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in value?.objectValue ?? [:] { out[k] = v.stringValue ?? JSONWriter.write(v) }
        return out
    }

    /// nil when the answer meets every expectation, else why not (each unmet one, in order).
    public func check(status: Int, headers: [(name: String, value: String)] = [], body: Data) -> String? {
        var problems: [String] = []
        let text = String(decoding: body, as: UTF8.self)
        if status != expect.status { problems.append("status \(status), expected \(expect.status)") }
        for (name, value) in expect.headers.sorted(by: { $0.key < $1.key }) {
            let got = headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            if !got.contains(value) {
                problems.append("header \(name): \(got.isEmpty ? "missing" : Self.quote(got.joined(separator: ", "))), expected \(Self.quote(value))")
            }
        }
        if let b = expect.body, text != b { problems.append("body \(Self.quote(text)), expected \(Self.quote(b))") }
        if let c = expect.contains, !text.contains(c) { problems.append("body \(Self.quote(text)) does not contain \(Self.quote(c))") }
        if let j = expect.json {
            if let got = try? JSONParser.parse(text) {
                if got != j { problems.append("JSON \(JSONWriter.write(got)), expected \(JSONWriter.write(j))") }
            } else {
                problems.append("body \(Self.quote(text)) is not JSON, expected \(JSONWriter.write(j))")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// Bodies in messages: quoted, escaped, cut at 200 characters.
    static func quote(_ s: String) -> String {
        JSONWriter.quoted(s.count > 200 ? String(s.prefix(200)) + "…" : s)
    }
}
