import Jsonnet

/// A build phase of a runtime version, in the order they run.
public enum Phase: String, Sendable, CaseIterable, Comparable {
    case installation, compilation, runtime

    public static func < (a: Phase, b: Phase) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// An environment variable; order is kept because Kubernetes expands `$(VAR)` only from earlier ones.
public struct EnvVar: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) { self.name = name; self.value = value }
}

/// One image of a runtime version (Kubeless `Image`).
public struct PhaseImage: Sendable, Hashable {
    public var phase: Phase
    public var image: String
    /// Run under `sh -c` with the volume as working directory (installation and compilation only).
    public var command: String?
    public var env: [EnvVar]
    /// Secret names mounted read-only into the phase's init container.
    public var secrets: [String]
}

/// One version of a runtime (Kubeless `RuntimeVersion`).
public struct RuntimeVersion: Sendable, Hashable {
    public var name: String
    public var version: String
    public var images: [PhaseImage]
    public var imagePullSecrets: [String]

    public func image(for phase: Phase) -> PhaseImage? { images.first { $0.phase == phase } }

    /// The phases present, in run order: `installation+runtime`, `compilation+runtime`, …
    public var phaseSummary: String { images.map(\.phase).sorted().map(\.rawValue).joined(separator: "+") }
}

/// One runtime of the catalog (Kubeless `RuntimeInfo`).
public struct Runtime: Sendable, Hashable {
    public var id: String
    public var depName: String
    public var fileNameSuffix: String
    public var versions: [RuntimeVersion]
    /// A Kubernetes Probe used verbatim instead of the default `/healthz` probe.
    public var livenessProbe: JSONValue?
}

/// A runtime string split the way Kubeless splits it: `python3.12` → (`python`, `3.12`),
/// `nodejs_distroless8` → (`nodejs_distroless`, `8`).
public struct RuntimeName: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var version: String

    public init?(_ text: String) {
        let id = text.prefix { $0.isASCII && ($0.isLetter || $0 == "_" || $0 == "-") }
        let version = String(text.reversed().prefix { $0.isASCII && ($0.isNumber || $0 == ".") }.reversed())
        guard !id.isEmpty, !version.isEmpty, id.count + version.count == text.count else { return nil }
        self.id = String(id)
        self.version = version
    }

    public var description: String { id + version }
}

/// The validated runtime catalog.
public struct Catalog: Sendable, Hashable {
    public var runtimes: [Runtime]
    /// The catalog file and every file it imported: what the build depends on.
    public var inputFiles: [String]

    public init(runtimes: [Runtime], inputFiles: [String] = []) {
        self.runtimes = runtimes
        self.inputFiles = inputFiles
    }

    public enum LookupError: Error, Sendable, Equatable {
        case malformed(String)
        case unknownRuntime(String, known: [String])
        case unknownVersion(String, id: String, versions: [String])
    }

    /// Looks a runtime string up as Kubeless does: the first runtime whose ID matches exactly, then
    /// the version that matches exactly.
    public func resolve(_ runtime: String) -> Result<(Runtime, RuntimeVersion), LookupError> {
        guard let name = RuntimeName(runtime) else { return .failure(.malformed(runtime)) }
        guard let rt = runtimes.first(where: { $0.id == name.id }) else {
            return .failure(.unknownRuntime(runtime, known: runtimeStrings))
        }
        guard let v = rt.versions.first(where: { $0.version == name.version }) else {
            return .failure(.unknownVersion(runtime, id: rt.id, versions: rt.versions.map { rt.id + $0.version }))
        }
        return .success((rt, v))
    }

    /// Every runtime string the catalog offers, in catalog order (`python3.11`, `python3.12`, …).
    public var runtimeStrings: [String] {
        runtimes.flatMap { rt in rt.versions.map { rt.id + $0.version } }
    }
}
