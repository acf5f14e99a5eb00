import Testing
@testable import Verify

@Suite struct KubeletExpansionTests {
    @Test func referencesToDefinedVariablesAreReplaced() {
        #expect(KubeletExpansion.expand("$(A)/lib:$(A)", ["A": "/kubeless"]) == "/kubeless/lib:/kubeless")
    }

    @Test func unknownReferencesStayAsWritten() {
        #expect(KubeletExpansion.expand("x$(NOPE)y", [:]) == "x$(NOPE)y")
    }

    @Test func doubleDollarIsAnEscapedDollar() {
        #expect(KubeletExpansion.expand("$$(date) $$A $$$(A)", ["A": "v"]) == "$(date) $A $v")
    }

    @Test func aDollarBeforeAnythingElseOrAnUnclosedReferenceIsLiteral() {
        #expect(KubeletExpansion.expand("$HOME $ $(A", ["A": "v", "HOME": "h"]) == "$HOME $ $(A")
        #expect(KubeletExpansion.expand("end$", [:]) == "end$")
    }

    @Test func envEntriesSeeOnlyTheEntriesBeforeThem() {
        let env = KubeletExpansion.resolve([("B", "$(A)-b"), ("A", "a"), ("C", "$(A)-c"), ("A", "again"), ("D", "$(A)")])
        #expect(env == ["B": "$(A)-b", "A": "again", "C": "a-c", "D": "again"])
    }

    @Test func containerEnvMapsValuesBeforeExpandingAndFillsFieldRefs() {
        let c = Container(name: "c", script: nil, env: [
            .init(name: "KUBELESS_INSTALL_VOLUME", value: "/kubeless"),
            .init(name: "PYTHONPATH", value: "$(KUBELESS_INSTALL_VOLUME)/lib"),
            .init(name: "POD_UID", value: nil, fieldPath: "metadata.uid"),
            .init(name: "DB_PASSWORD", value: nil),
        ])
        let env = c.resolvedEnv(fields: ["metadata.uid": "u-1"], map: PodPaths(root: "/r").rewrite)
        #expect(env == ["KUBELESS_INSTALL_VOLUME": "/r/kubeless", "PYTHONPATH": "/r/kubeless/lib", "POD_UID": "u-1"])
    }
}

@Suite struct PodPathsTests {
    let paths = PodPaths(root: "/tmp/kfn-verify-x")

    @Test func wholeMountPathsAreMapped() {
        #expect(paths.rewrite("cp '/src/a.py' '/kubeless/a.py' > /tmp/s.sha256")
            == "cp '/tmp/kfn-verify-x/src/a.py' '/tmp/kfn-verify-x/kubeless/a.py' > /tmp/kfn-verify-x/tmp/s.sha256")
        #expect(paths.rewrite("/kubeless") == "/tmp/kfn-verify-x/kubeless")
        #expect(paths.rewrite("HOME=/tmp") == "HOME=/tmp/kfn-verify-x/tmp")
        #expect(paths.rewrite("a:/kubeless/lib:/kubeless") == "a:/tmp/kfn-verify-x/kubeless/lib:/tmp/kfn-verify-x/kubeless")
    }

    @Test func otherPathsThatMerelyContainAMountAreLeftAlone() {
        for text in ["/tmpfile", "/var/tmp/x", "/srcs/a", "/var/run/secrets/kubeless.io/k", "x/kubeless", "/kubeless.io"] {
            #expect(paths.rewrite(text) == text)
        }
    }
}
