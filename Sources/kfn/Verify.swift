import ArgumentParser
import Catalog
import Compiler
import Foundation
import Functions
import Verify

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the generated manifests and check each function's verify cases.",
        discussion: """
        --local emulates each function's pod on this machine from the objects in out/ (not from the \
        definitions, so what is verified is what gets deployed): the init containers' scripts run \
        against the local toolchains (pip, npm, bundler) in a temporary folder that plays /kubeless, \
        kfn-runtime starts with the Deployment's env on a free port of 127.0.0.1, every verify case \
        runs, and a function with a schedule is called once the way its CronJob calls it.

        --cluster applies out/ with `kubectl apply -k`, waits for each rollout, calls each case \
        through a port-forward to the function's Service and runs each CronJob once as a Job. \
        --dry-run only submits out/ as a server-side dry run.

        out/ must be up to date (`kfn build --check`). Exit status 0 when every case passed, 1 when \
        one failed or nothing could be verified. Details: docs/verify.md.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var project: ProjectOptions

    @Flag(name: .long, help: "Emulate each function's pod on this machine.")
    var local = false

    @Flag(name: .long, help: "Apply out/ to the cluster of the current kubeconfig and call the functions there.")
    var cluster = false

    @Flag(name: .long, help: "With --cluster: a server-side dry run of the apply; nothing is started or called.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("With --cluster: the kubeconfig context to use.", valueName: "name"))
    var context: String?

    @Option(name: .long, help: ArgumentHelp("The kfn-runtime binary (default: next to kfn, then PATH).", valueName: "path"))
    var runtimeBinary: String?

    @Option(name: .long, help: ArgumentHelp("The worker shims folder, KFN_RUNTIMES_DIR (default: the catalog's folder).", valueName: "dir"))
    var workerShims: String?

    @Option(name: .long, help: ArgumentHelp("Seconds a function may take to report healthy (local) or roll out (cluster).", valueName: "s"))
    var readyTimeout: Int?

    @Option(name: .long, help: ArgumentHelp("Seconds an install or compile step may take.", valueName: "s"))
    var phaseTimeout = 600

    @Option(name: .long, help: ArgumentHelp("Seconds one case may take.", valueName: "s"))
    var caseTimeout = 60

    @Flag(name: .shortAndLong, help: "No progress lines; print only failures and the summary.")
    var quiet = false

    @Option(name: .long, help: "Output format: text (a table) or json (one document on stdout).")
    var format: Format = .text

    @Argument(help: ArgumentHelp("Functions to verify, by name or namespace/name (default: all).", valueName: "function"))
    var functions: [String] = []

    func validate() throws {
        guard local != cluster else { throw ValidationError("choose one of --local and --cluster") }
        if dryRun, !cluster { throw ValidationError("--dry-run applies to --cluster only") }
        for (name, v) in [("--ready-timeout", readyTimeout ?? 1), ("--phase-timeout", phaseTimeout), ("--case-timeout", caseTimeout)] where v <= 0 {
            throw ValidationError("\(name) must be a positive number of seconds")
        }
    }

    func run() async throws {
        let options = project.buildOptions
        let outDir = options.outputDirectory
        let result = try Terminal.compile(options)
        result.saveCache()
        guard result.plan.isUpToDate else {
            Terminal.error("\(outDir)/ is stale, run kfn build (\(result.plan.changes.count) file(s) differ from what the inputs produce)")
            throw ExitCode(1)
        }
        let targets = try selectTargets(options, outDir: outDir)
        let silent = quiet || format == .json
        let progress: @Sendable (String) -> Void = { line in if !silent { Terminal.error("==> " + line) } }
        let start = ContinuousClock.now
        let results: [CaseResult]
        do {
            if local {
                let exe = Bundle.main.executablePath ?? CommandLine.arguments[0]
                let binary = try runtimeBinary ?? LocalVerifier.findRuntimeBinary(executable: exe)
                let shims = workerShims ?? URL(fileURLWithPath: options.runtimes).deletingLastPathComponent().path
                let local = LocalOptions(runtimeBinary: binary, workerShims: URL(fileURLWithPath: shims).standardizedFileURL.path,
                                         readyTimeout: .seconds(readyTimeout ?? 30), phaseTimeout: .seconds(phaseTimeout),
                                         caseTimeout: .seconds(caseTimeout))
                results = await LocalVerifier(outputDirectory: outDir, options: local, progress: progress).run(targets)
            } else {
                results = try await ClusterVerifier(outputDirectory: outDir, kubectl: Kubectl(context: context), dryRun: dryRun,
                                                    rolloutTimeout: .seconds(readyTimeout ?? 180), caseTimeout: .seconds(caseTimeout),
                                                    progress: progress).run(targets)
            }
        } catch let e as VerifyError {
            Terminal.error("error: \(e)")
            throw ExitCode(1)
        }
        let d = start.duration(to: .now).components
        let seconds = Double(d.seconds) + Double(d.attoseconds) / 1e18
        switch format {
        case .json:
            print(Report.json(results, seconds: seconds), terminator: "")
        case .text:
            if !quiet { print(Report.table(results), terminator: "") }
            let details = Report.details(results.filter { !quiet || $0.status == .fail })
            if !details.isEmpty { print((quiet ? "" : "\n") + details, terminator: "") }
            print(Report.summary(results, seconds: seconds))
        }
        if results.contains(where: { $0.status == .fail }) { throw ExitCode(1) }
    }

    /// The functions of out/ (all, or those named), with their cases from the definitions.
    private func selectTargets(_ options: BuildOptions, outDir: String) throws -> [VerifyTarget] {
        var cases: [String: [VerifyCase]] = [:]
        do {
            let (catalog, _) = try CatalogLoader(path: options.runtimes, importPaths: options.importPaths, strict: options.strict).load()
            let loader = FunctionLoader(directory: options.functions, catalog: catalog, environment: options.environment,
                                        importPaths: options.importPaths)
            for spec in try loader.load(try loader.discover()).functions {
                cases["\(spec.namespace)/\(spec.name)"] = spec.verify.enumerated().map { VerifyCase($1, index: $0) }
            }
        } catch {
            Terminal.report(error.diagnostics)
            throw ExitCode(1)
        }
        let keys: [String]
        do { keys = try ManifestReader(directory: outDir).functionKeys() } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        var chosen: [String] = []
        for name in functions {
            let matches = keys.filter { $0 == name || $0.split(separator: "/").last.map(String.init) == name }
            guard !matches.isEmpty else {
                Terminal.error("error: \(VerifyError.unknownFunction(name, known: keys))")
                throw ExitCode(64)
            }
            chosen += matches.filter { !chosen.contains($0) }
        }
        return (functions.isEmpty ? keys : chosen).map { VerifyTarget(key: $0, cases: cases[$0] ?? []) }
    }
}
