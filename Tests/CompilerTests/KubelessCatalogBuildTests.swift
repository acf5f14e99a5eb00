import Foundation
import Testing

/// `kfn build --runtimes <the Kubeless catalog>`: functions on Kubeless runtimes compile unchanged,
/// with the catalog's commands, env and phases in the init containers.
@Suite struct KubelessCatalogBuildTests {
    @Test func buildsFunctionsAgainstTheKubelessCatalog() throws {
        let ws = try Workspace()
        try ws.copy(Repo.root.appendingPathComponent("templates"), to: "templates")
        try ws.copy(Repo.root.appendingPathComponent("Tests/CatalogTests/Fixtures/kubeless"), to: "kubeless")
        try ws.write("{ runtime: 'nodejs_distroless8', handler: 'hello.foo' }\n", to: "functions/node/function.jsonnet")
        try ws.write("module.exports = { foo: () => 'hi' };\n", to: "functions/node/hello.js")
        try ws.write("{\"dependencies\": {}}\n", to: "functions/node/package.json")
        try ws.write("{ runtime: 'go1.14', handler: 'handler.Foo', files: ['go.mod'] }\n", to: "functions/go/function.jsonnet")
        try ws.write("package kubeless\n", to: "functions/go/handler.go")
        try ws.write("module function\n", to: "functions/go/go.mod")
        try ws.write("{ runtime: 'python3.7', handler: 'helloget.foo' }\n", to: "functions/get-python/function.jsonnet")
        try ws.write("def foo(event, context):\n    return 'hello world'\n", to: "functions/get-python/helloget.py")

        let run = try ws.kfn("build", "--runtimes", "kubeless/runtimes.jsonnet")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: 10 catalog image(s) are not pinned by digest"))

        let node = ws.read("out/default/node/deployment-node.yaml") ?? ""
        #expect(node.contains("&& /kubeless-npm-install.sh"))
        #expect(node.contains("value: $(KUBELESS_INSTALL_VOLUME)/node_modules"))
        #expect(node.contains("name: install"))

        let go = ws.read("out/default/go/deployment-go.yaml") ?? ""
        #expect(go.contains("name: compile"))
        #expect(!go.contains("name: install"))
        #expect(go.contains("- /compile-function.sh"))
        #expect(go.contains("name: KUBELESS_FUNC_NAME\n          value: Foo"))
        #expect(go.contains("name: GOCACHE"))

        // The worked example of the Kubeless reference (§2.9): env in Kubeless order.
        let python = ws.read("out/default/get-python/deployment-get-python.yaml") ?? ""
        let order = ["FUNC_HANDLER", "MOD_NAME", "FUNC_TIMEOUT", "FUNC_RUNTIME", "FUNC_MEMORY_LIMIT", "FUNC_PORT", "KUBELESS_INSTALL_VOLUME", "PYTHONPATH"]
        let positions = order.compactMap { python.range(of: "name: \($0)\n")?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
        #expect(python.contains("value: $(KUBELESS_INSTALL_VOLUME)/lib/python3.7/site-packages:$(KUBELESS_INSTALL_VOLUME)"))
        #expect(ws.read("out/default/get-python/configmap-get-python.yaml")?.contains("helloget.py: |") == true)
    }
}
