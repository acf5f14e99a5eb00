import Diagnostics
import Jsonnet

/// Decodes the evaluated catalog into `Runtime` values and collects every problem on the way.
struct CatalogDecoder {
    let file: String
    let sources: CatalogSources
    let strict: Bool
    private(set) var diagnostics: [Diagnostic] = []
    /// Images without a digest; one warning lists them all (each is an error under --strict).
    private(set) var unpinned: [String] = []

    init(file: String, sources: CatalogSources, strict: Bool) {
        self.file = file
        self.sources = sources
        self.strict = strict
    }

    mutating func decode(_ value: JSONValue) -> [Runtime] {
        let list: [JSONValue]
        switch value {
        case .array(let a): list = a
        case .object(let o) where CatalogDecoder.field(o, "runtimes")?.arrayValue != nil:
            list = CatalogDecoder.field(o, "runtimes")!.arrayValue!
        default:
            report("the catalog must evaluate to an array of runtimes, got \(value.typeName)", path: "", id: nil,
                   hint: "a Kubeless catalog is `[ {ID: 'python', versions: [...], depName: ..., fileNameSuffix: ...}, ... ]`")
            return []
        }
        var runtimes: [Runtime] = []
        var seenIDs: [String: Int] = [:]
        for (i, item) in list.enumerated() {
            guard let rt = decodeRuntime(item, index: i) else { continue }
            if let first = seenIDs[rt.id] {
                report("runtime ID '\(rt.id)' is defined twice (entries [\(first)] and [\(i)])", path: "[\(i)].ID", id: rt.id,
                       hint: "runtime IDs must be unique; Kubeless would silently use the first one. Remove or rename one of them")
            } else {
                seenIDs[rt.id] = i
            }
            runtimes.append(rt)
        }
        return runtimes
    }

    /// Kubeless decodes the catalog with Go's encoding/json, which matches keys case-insensitively.
    static func field(_ o: [String: JSONValue], _ name: String) -> JSONValue? {
        if let v = o[name] { return v }
        let lower = name.lowercased()
        return o.first { $0.key.lowercased() == lower }?.value
    }

    private mutating func report(_ message: String, path: String, id: String?, version: String? = nil, key: String? = nil,
                                 severity: Diagnostic.Severity = .error, hint: String? = nil) {
        let location: Location
        if let found = sources.locate(id: id, version: version, key: key) {
            location = .value(file: found.file, path: path, line: found.line)
        } else {
            location = .value(file: file, path: path, line: nil)
        }
        diagnostics.append(Diagnostic(severity, message, at: location, hint: hint))
    }

    private mutating func decodeRuntime(_ value: JSONValue, index i: Int) -> Runtime? {
        guard case .object(let o) = value else {
            report("a runtime must be an object, got \(value.typeName)", path: "[\(i)]", id: nil)
            return nil
        }
        guard let id = CatalogDecoder.field(o, "ID")?.stringValue, !id.isEmpty else {
            report("runtime [\(i)] has no ID", path: "[\(i)]", id: nil, hint: "add `ID: 'mylang'`; the runtime string is ID + version")
            return nil
        }
        let p = "\(id)"
        if !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_" || $0 == "-") }) {
            report("runtime ID '\(id)' can never match a runtime string: IDs may only contain letters, '_' and '-'", path: p + ".ID", id: id, key: "ID",
                   hint: "a runtime string such as `python3.12` is split at the first digit into ID `python` and version `3.12`")
        }
        let depName = string(o, "depName", path: p, id: id) ?? ""
        let suffix = string(o, "fileNameSuffix", path: p, id: id)
        if suffix == nil {
            report("runtime '\(id)' has no fileNameSuffix; function sources will be written without an extension", path: p + ".fileNameSuffix",
                   id: id, severity: .warning, hint: "add `fileNameSuffix: '.ext'`")
        }
        var probe: JSONValue?
        if let lp = CatalogDecoder.field(o, "livenessProbeInfo"), !lp.isNull {
            if lp.objectValue == nil {
                report("livenessProbeInfo must be a Kubernetes Probe object, got \(lp.typeName)", path: p + ".livenessProbeInfo", id: id, key: "livenessProbeInfo")
            } else {
                probe = lp
            }
        }
        var versions: [RuntimeVersion] = []
        guard let vs = CatalogDecoder.field(o, "versions")?.arrayValue, !vs.isEmpty else {
            report("runtime '\(id)' has no versions", path: p + ".versions", id: id, key: "versions",
                   hint: "add `versions: [{name: ..., version: ..., images: [{phase: 'runtime', image: ...}]}]`")
            return Runtime(id: id, depName: depName, fileNameSuffix: suffix ?? "", versions: [], livenessProbe: probe)
        }
        var seen: Set<String> = []
        for (k, v) in vs.enumerated() {
            guard let version = decodeVersion(v, path: "\(p).versions[\(k)]", id: id) else { continue }
            if !seen.insert(version.version).inserted {
                report("runtime '\(id)\(version.version)' is defined twice", path: "\(p).versions[\(k)].version", id: id, version: version.version, key: "version",
                       hint: "each ID + version pair must be unique")
            }
            versions.append(version)
        }
        return Runtime(id: id, depName: depName, fileNameSuffix: suffix ?? "", versions: versions, livenessProbe: probe)
    }

    private mutating func string(_ o: [String: JSONValue], _ key: String, path: String, id: String, version: String? = nil) -> String? {
        guard let v = CatalogDecoder.field(o, key), !v.isNull else { return nil }
        guard let s = v.stringValue else {
            report("\(key) must be a string, got \(v.typeName)", path: "\(path).\(key)", id: id, version: version, key: key)
            return nil
        }
        return s
    }

    private mutating func decodeVersion(_ value: JSONValue, path p: String, id: String) -> RuntimeVersion? {
        guard case .object(let o) = value else {
            report("a runtime version must be an object, got \(value.typeName)", path: p, id: id)
            return nil
        }
        guard let version = string(o, "version", path: p, id: id), !version.isEmpty else {
            report("runtime '\(id)' has a version without `version`", path: p + ".version", id: id, key: "versions",
                   hint: "add `version: '1.0'`; the runtime string is ID + version")
            return nil
        }
        if !version.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            report("version '\(version)' of runtime '\(id)' can never match: versions may only contain digits and dots", path: p + ".version",
                   id: id, version: version, key: "version", hint: "Kubeless splits `\(id)\(version)` at the trailing digits and dots")
        }
        let name = string(o, "name", path: p, id: id, version: version) ?? id + version
        var pullSecrets: [String] = []
        if let ps = CatalogDecoder.field(o, "imagePullSecrets"), !ps.isNull {
            for (k, s) in (ps.arrayValue ?? []).enumerated() {
                if let obj = s.objectValue, let n = CatalogDecoder.field(obj, "imageSecret")?.stringValue, !n.isEmpty {
                    pullSecrets.append(n)
                } else {
                    report("imagePullSecrets entries must be `{imageSecret: 'name'}`", path: "\(p).imagePullSecrets[\(k)]", id: id, version: version, key: "imagePullSecrets")
                }
            }
        }
        var images: [PhaseImage] = []
        let list = CatalogDecoder.field(o, "images")?.arrayValue ?? []
        for (k, item) in list.enumerated() {
            if let image = decodeImage(item, path: "\(p).images[\(k)]", id: id, version: version) { images.append(image) }
        }
        // Phase rules: exactly one runtime image, at most one of each other phase.
        let runtimeCount = images.filter { $0.phase == .runtime }.count
        if runtimeCount == 0 {
            report("runtime '\(id)\(version)' has no `runtime` phase image", path: p + ".images", id: id, version: version, key: "images",
                   hint: "add `{phase: 'runtime', image: '...'}`: it is the image the function container runs (Kubeless would deploy an empty image)")
        } else if runtimeCount > 1 {
            report("runtime '\(id)\(version)' has \(runtimeCount) `runtime` phase images; exactly one is allowed", path: p + ".images", id: id, version: version, key: "images")
        }
        for phase in [Phase.installation, .compilation] where images.filter({ $0.phase == phase }).count > 1 {
            report("runtime '\(id)\(version)' has more than one `\(phase.rawValue)` phase image", path: p + ".images", id: id, version: version, key: "images",
                   hint: "each phase becomes one init container; merge the commands into one image")
        }
        return RuntimeVersion(name: name, version: version, images: images, imagePullSecrets: pullSecrets)
    }

    private mutating func decodeImage(_ value: JSONValue, path p: String, id: String, version: String) -> PhaseImage? {
        guard case .object(let o) = value else {
            report("an image must be an object, got \(value.typeName)", path: p, id: id, version: version)
            return nil
        }
        let phaseText = string(o, "phase", path: p, id: id, version: version) ?? ""
        guard let phase = Phase(rawValue: phaseText) else {
            let suggestion = Phase.allCases.map(\.rawValue).min { editDistance($0, phaseText) < editDistance($1, phaseText) }!
            report(phaseText.isEmpty ? "image has no phase" : "unknown phase '\(phaseText)'", path: p + ".phase", id: id, version: version, key: "phase",
                   hint: "phase must be installation, compilation or runtime" + (phaseText.isEmpty ? "" : " (did you mean '\(suggestion)'?)"))
            return nil
        }
        let image = string(o, "image", path: p, id: id, version: version) ?? ""
        if image.isEmpty {
            report("the \(phase.rawValue) phase of '\(id)\(version)' has no image", path: p + ".image", id: id, version: version, key: "images")
        } else if !image.contains("@sha256:"), !strict {
            if !unpinned.contains(image) { unpinned.append(image) }
        } else if !image.contains("@sha256:") {
            report("image '\(image)' is not pinned by digest", path: p + ".image", id: id, version: version, key: "image",
                   hint: "pin it as `\(image)@sha256:<digest>` so every build deploys the same bytes")
        }
        let command = string(o, "command", path: p, id: id, version: version)
        if phase != .runtime, (command ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            report("the \(phase.rawValue) phase of '\(id)\(version)' has no command", path: p + ".command", id: id, version: version, key: "phase",
                   hint: "add `command: '...'`; it runs under `sh -c` in the /kubeless volume")
        }
        var env: [EnvVar] = []
        if let e = CatalogDecoder.field(o, "env"), !e.isNull {
            if let obj = e.objectValue {
                for key in obj.keys.sorted() {
                    if !EnvName.isValid(key) {
                        report("'\(key)' is not a valid environment variable name", path: "\(p).env.\(key)", id: id, version: version, key: key,
                               hint: "use letters, digits and '_', not starting with a digit")
                    }
                    guard let v = obj[key]?.stringValue else {
                        report("env value \(key) must be a string, got \(obj[key]!.typeName)", path: "\(p).env.\(key)", id: id, version: version, key: key)
                        continue
                    }
                    env.append(EnvVar(key, v))
                }
            } else {
                report("env must be an object of strings, got \(e.typeName)", path: p + ".env", id: id, version: version, key: "env")
            }
        }
        var secrets: [String] = []
        if let s = CatalogDecoder.field(o, "secrets"), !s.isNull {
            for (k, item) in (s.arrayValue ?? []).enumerated() {
                if let obj = item.objectValue, let n = CatalogDecoder.field(obj, "name")?.stringValue, !n.isEmpty {
                    secrets.append(n)
                } else {
                    report("secrets entries must be `{name: 'secret'}`", path: "\(p).secrets[\(k)]", id: id, version: version, key: "secrets")
                }
            }
        }
        return PhaseImage(phase: phase, image: image, command: phase == .runtime ? nil : command, env: env, secrets: secrets)
    }
}

/// Environment variable names as Kubernetes accepts them (C identifiers; Kubernetes also allows
/// '.' and '-', which shells cannot read).
public enum EnvName {
    public static func isValid(_ s: String) -> Bool {
        guard let first = s.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}

/// Levenshtein distance, for "did you mean" hints.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}
