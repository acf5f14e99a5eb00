import Foundation

/// A function to verify: its key in out/ and its cases from the definition.
public struct VerifyTarget: Sendable {
    public var key: String
    public var cases: [VerifyCase]

    public init(key: String, cases: [VerifyCase]) {
        self.key = key
        self.cases = cases
    }
}

/// The whole local verification, function by function: read the manifests, emulate the pod, run
/// the cases. A function that fails does not stop the others.
public struct LocalVerifier: Sendable {
    public var outputDirectory: String
    public var options: LocalOptions
    public var progress: @Sendable (String) -> Void

    public init(outputDirectory: String, options: LocalOptions, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.outputDirectory = outputDirectory
        self.options = options
        self.progress = progress
    }

    public func run(_ targets: [VerifyTarget]) async -> [CaseResult] {
        Interrupts.shared.install()
        let reader = ManifestReader(directory: outputDirectory)
        var results: [CaseResult] = []
        // One at a time: dependency installs are CPU- and network-heavy, and sequential logs read well.
        for target in targets {
            do {
                let manifest = try reader.read(target.key)
                results += await LocalPod(manifest: manifest, cases: target.cases, options: options, progress: progress).run()
            } catch {
                results.append(CaseResult(function: target.key, name: "[manifest]", status: .fail, seconds: 0, reason: error.description))
            }
        }
        return results
    }

    /// kfn-runtime next to the running executable (the same build folder as `kfn`), then on PATH.
    public static func findRuntimeBinary(executable: String = CommandLine.arguments[0],
                                         path: String? = ProcessInfo.processInfo.environment["PATH"]) throws(VerifyError) -> String {
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        let sibling = exe.deletingLastPathComponent().appendingPathComponent("kfn-runtime").path
        var searched = [sibling]
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        if let found = ChildProcess.which("kfn-runtime", path: path) { return found }
        searched.append("PATH")
        throw .runtimeBinaryMissing(searched.joined(separator: ", "))
    }
}
