import Catalog

/// What the import needs to know about a Function's runtime: the file name suffix and dependency
/// file name (Kubeless looks both up by runtime ID only), the catalog's runtime image (to tell a
/// custom image from the catalog's) and whether `kfn build` will resolve the runtime string.
struct RuntimeFacts {
    var fileNameSuffix: String
    var depName: String
    /// The runtime-phase image of the exact version, when the catalog has it.
    var runtimeImage: String?
    /// Whether the version has an installation phase (nil when the catalog lacks the version).
    var hasInstallation: Bool?
    /// Why `kfn build` will not resolve the runtime string as it stands, when it will not.
    var missing: String?

    /// The stock Kubeless catalog (kubeless/runtimes, stable and incubator): suffix and dependency
    /// file per runtime ID, for runtimes the kfn catalog does not carry.
    static let kubelessStock: [String: (suffix: String, depName: String)] = [
        "python": (".py", "requirements.txt"), "nodejs": (".js", "package.json"), "go": (".go", "go.mod"),
        "java": (".java", "pom.xml"), "ruby": (".rb", "Gemfile"), "php": (".php", "composer.json"),
        "dotnetcore": (".cs", "project.csproj"), "ballerina": (".bal", ""), "jvm": (".jar", ""),
        "nodejs_distroless": (".js", "package.json"), "nodejsCE": (".js", "package.json"), "vertx": (".java", "pom.xml"),
    ]

    /// Nil when neither the catalog nor the stock Kubeless catalog knows the runtime ID.
    static func lookUp(_ runtime: String, in catalog: Catalog, catalogPath: String) -> RuntimeFacts? {
        switch catalog.resolve(runtime) {
        case .success(let (rt, version)):
            return RuntimeFacts(fileNameSuffix: rt.fileNameSuffix, depName: rt.depName, runtimeImage: version.image(for: .runtime)?.image,
                                hasInstallation: version.image(for: .installation) != nil, missing: nil)
        case .failure(let failure):
            let id = RuntimeName(runtime)?.id ?? runtime
            let why: String
            switch failure {
            case .malformed: why = "'\(runtime)' is not a runtime string kfn can resolve (an ID followed by a version)"
            case .unknownRuntime: why = "\(catalogPath) has no runtime '\(id)'"
            case .unknownVersion(_, _, let versions): why = "\(catalogPath) has no version '\(RuntimeName(runtime)?.version ?? "")' of '\(id)' (it has \(versions.joined(separator: ", ")))"
            }
            if let rt = catalog.runtimes.first(where: { $0.id == id }) {
                return RuntimeFacts(fileNameSuffix: rt.fileNameSuffix, depName: rt.depName, runtimeImage: nil, hasInstallation: nil, missing: why)
            }
            guard let stock = kubelessStock[id] else { return nil }
            return RuntimeFacts(fileNameSuffix: stock.suffix, depName: stock.depName, runtimeImage: nil, hasInstallation: nil, missing: why)
        }
    }
}
