import Jsonnet
import Testing

/// The rewriter must touch import literals only, whatever surrounds them, and give up (nil) on
/// what it cannot rewrite, so the caller falls back to a real import.
@Suite struct ImportRewriterTests {
    static func upper(_ text: String) -> String? {
        ImportRewriter.rewrite(text) { "X/" + $0 }
    }

    @Test func rewritesEveryImportForm() {
        #expect(Self.upper("local a = import 'a.libsonnet'; a") == "local a = import \"X/a.libsonnet\"; a")
        #expect(Self.upper("{ s: importstr \"s.txt\", b: importbin @'b.bin' }") == "{ s: importstr \"X/s.txt\", b: importbin \"X/b.bin\" }")
        #expect(Self.upper("import /* why */ 'c.jsonnet'") == "import /* why */ \"X/c.jsonnet\"")
    }

    @Test func leavesCommentsAndStringsAlone() {
        let text = """
            // import 'not.libsonnet'
            # import 'nor.libsonnet'
            /* import 'neither.libsonnet' */
            { a: "import 'no.libsonnet'", b: @'it''s import ''x''', c: |||
              import 'text.libsonnet'
            |||, d: x.importance }
            """
        #expect(Self.upper(text) == text)
    }

    @Test func givesUpOnWhatItCannotRewrite() {
        #expect(ImportRewriter.rewrite("import 'missing.libsonnet'") { _ in nil } == nil)
        #expect(Self.upper("import |||\n  a.libsonnet\n|||") == nil)
        #expect(Self.upper("import 'a\\u0041.libsonnet'") == nil)
    }
}
