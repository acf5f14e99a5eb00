import Testing

@testable import Runtime

struct ConfigurationTests {
    @Test func defaultsFollowTheKubelessRuntimes() throws {
        let config = try RuntimeConfiguration.fromEnvironment(["MOD_NAME": "hello", "FUNC_HANDLER": "foo"]) { _ in false }
        #expect(config.timeout == .seconds(180))
        #expect(config.port == 8080)
        #expect(config.host == "0.0.0.0")
        #expect(config.installVolume == "/kubeless")
        #expect(config.runtimesDirectory == "/opt/kfn/runtimes")
        #expect(config.maxBodyBytes == 1 << 20)
        #expect(config.concurrency >= 1)
        #expect(config.language == nil)
    }

    @Test func everyVariableIsRead() throws {
        let config = try RuntimeConfiguration.fromEnvironment([
            "MOD_NAME": "m", "FUNC_HANDLER": "h", "FUNC_TIMEOUT": "1.5", "FUNC_PORT": "9000", "FUNC_HOST": "127.0.0.1",
            "FUNC_RUNTIME": "nodejs22", "FUNC_MEMORY_LIMIT": "256Mi", "KUBELESS_INSTALL_VOLUME": "/fn",
            "KFN_RUNTIMES_DIR": "/rt", "FUNC_CONCURRENCY": "3", "FUNC_MAX_BODY_BYTES": "10", "SHUTDOWN_TIMEOUT": "5",
            "KFN_LOG_FORMAT": "JSON",
        ]) { _ in false }
        #expect(config.timeout == .milliseconds(1500))
        #expect(config.timeoutSeconds == 1.5)
        #expect(config.port == 9000)
        #expect(config.host == "127.0.0.1")
        #expect(config.language == .nodejs)
        #expect(config.memoryLimit == "256Mi")
        #expect(config.installVolume == "/fn")
        #expect(config.runtimesDirectory == "/rt")
        #expect(config.concurrency == 3)
        #expect(config.maxBodyBytes == 10)
        #expect(config.shutdownTimeout == .seconds(5))
        #expect(config.logFormat == .json)
    }

    @Test(arguments: [
        ("FUNC_TIMEOUT", "soon"), ("FUNC_TIMEOUT", "-1"), ("FUNC_PORT", "80a"), ("FUNC_PORT", "70000"),
        ("FUNC_CONCURRENCY", "0"), ("FUNC_MAX_BODY_BYTES", "big"), ("KFN_LOG_FORMAT", "xml"),
    ])
    func invalidServerSettingsAreRejectedWithTheVariableName(key: String, value: String) {
        #expect(throws: ConfigurationError.self) {
            try RuntimeConfiguration.fromEnvironment([key: value]) { _ in false }
        }
        do {
            _ = try RuntimeConfiguration.fromEnvironment([key: value]) { _ in false }
        } catch {
            #expect(error.description.hasPrefix("\(key)=\(value) is not valid"))
        }
    }

    @Test(arguments: [
        ("python3.12", Language.python), ("python3.8", .python), ("nodejs22", .nodejs), ("nodejs_distroless8", .nodejs),
        ("nodejsCE8", .nodejs), ("ruby3.3", .ruby), ("ruby2.6", .ruby),
    ])
    func runtimeIDsMapToLanguages(runtime: String, language: Language) {
        #expect(Language(runtimeString: runtime) == language)
    }

    @Test func unknownRuntimesHaveNoLanguage() {
        #expect(Language(runtimeString: "go1.14") == nil)
        #expect(Language(runtimeString: "java11") == nil)
    }

    @Test func withoutFUNC_RUNTIMETheModuleSuffixDecides() throws {
        let config = try RuntimeConfiguration.fromEnvironment(["MOD_NAME": "handler", "KUBELESS_INSTALL_VOLUME": "/fn"]) {
            $0 == "/fn/handler.rb"
        }
        #expect(config.language == .ruby)
    }

    @Test func launchPlanExplainsWhatIsMissing() throws {
        func reason(_ env: [String: String]) throws -> String? {
            let config = try RuntimeConfiguration.fromEnvironment(env) { _ in false }
            guard case .failure(let problem) = FunctionServer.launchPlan(config) else { return nil }
            return problem.reason
        }
        #expect(try reason([:]) == "MOD_NAME is not set")
        #expect(try reason(["MOD_NAME": "m"]) == "FUNC_HANDLER is not set")
        #expect(try reason(["MOD_NAME": "m", "FUNC_HANDLER": "h", "FUNC_RUNTIME": "go1.14"])?
            .contains("FUNC_RUNTIME=go1.14 is not a runtime") == true)
        #expect(try reason(["MOD_NAME": "m", "FUNC_HANDLER": "h", "KUBELESS_INSTALL_VOLUME": "/nowhere"])
            == "module m not found: none of m.py, m.js, m.rb is in /nowhere")
        #expect(try reason(["MOD_NAME": "m", "FUNC_HANDLER": "h", "FUNC_RUNTIME": "python3.12",
                            "KUBELESS_INSTALL_VOLUME": "/nowhere"])
            == "module m not found: /nowhere/m.py does not exist")
    }
}
