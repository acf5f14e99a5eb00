import Foundation
import Functions

extension FunctionMapper {
    /// `spec.function` (decoded, checked, unpacked) and `spec.deps` become the folder's files.
    func mapSources(_ spec: Field, facts: RuntimeFacts?, into draft: inout DefinitionDraft) {
        let contentField = spec["function"]
        let typeField = spec["function-content-type"]
        let content = contentField.string(log) ?? ""
        let contentType = typeField.string(log) ?? ""
        let checksumField = spec["checksum"]
        let checksum = checksumField.string(log) ?? ""
        let module = draft.handler.flatMap { $0.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) }
        let suffix = facts?.fileNameSuffix ?? ""
        let depName = facts?.depName ?? ""

        if content.isEmpty {
            if draft.image == nil, draft.runtime != nil {
                log.error("the Function has no source code (spec.function is empty)", at: contentField,
                          hint: "a Function without code only works with a custom image; export the Function again with its code")
            }
        } else if let kind = FunctionContent(contentType: contentType) {
            if kind.encoding == .url {
                log.error("the function's code is a URL (\(content)); kfn builds offline and does not download it", at: contentField,
                          hint: "download it, check it against \(checksum.isEmpty ? "its source" : checksum), and import it as a file: `kubeless function deploy --dryrun --from-file FILE … -o yaml | kfn import -`, or put it in the folder yourself")
            } else if let module {
                addContent(content, kind, checksum: checksum, fileName: module + suffix, depName: depName,
                           at: (contentField, checksumField), facts: facts, into: &draft)
            }
        } else {
            log.error("unknown function-content-type '\(contentType)'", at: typeField,
                      hint: "Kubeless knows text, base64 or url, optionally followed by +zip or +compressedtar and +deps")
        }

        let depsField = spec["deps"]
        let deps = depsField.string(log) ?? ""
        if deps.isEmpty, !depName.isEmpty, draft.files[depName] != nil,
           let kind = FunctionContent(contentType: contentType), kind.archive != nil, !kind.bundlesDeps {
            log.warning("the archive's \(depName) is imported and kfn installs it; Kubeless replaced it with the empty spec.deps (the content type has no +deps)",
                        at: typeField, hint: "remove \(depName) from the folder if the function must run without those dependencies")
        }
        if !deps.isEmpty {
            if depName.isEmpty {
                depsField.drop(log, facts == nil ? "the runtime is unknown, so the name of its dependency file is too"
                                                 : "runtime '\(draft.runtime ?? "")' has no dependency file (depName is empty)")
            } else {
                if let existing = draft.files[depName], existing != Data(deps.utf8) {
                    log.warning("spec.deps replaces the \(depName) inside the archive, as Kubeless's prepare step did", at: depsField)
                }
                draft.files[depName] = Data(deps.utf8)
                noteCompiledDeps(depName, facts: facts, at: depsField, into: &draft)
            }
        }
    }

    private func addContent(_ content: String, _ kind: FunctionContent, checksum: String, fileName: String, depName: String,
                            at fields: (content: Field, checksum: Field), facts: RuntimeFacts?, into draft: inout DefinitionDraft) {
        let bytes: Data
        switch kind.bytes(of: content) {
        case .success(let b): bytes = b
        case .failure:
            log.error("spec.function is not valid base64", at: fields.content, hint: "the content type says base64; export the Function again")
            return
        }
        switch FunctionContent.verify(checksum, bytes) {
        case nil: break
        case .checksumFormat(let c)?:
            log.error("checksum '\(c)' is not `sha256:<hex>`", at: fields.checksum, hint: "Kubeless only verified sha256 checksums; fix or remove spec.checksum")
            return
        case .checksumMismatch(let expected, let actual)?:
            log.error("the code does not match its checksum: sha256 is \(actual), the Function says \(expected)", at: fields.checksum,
                      hint: "the object was edited or truncated; export it again from the cluster (Kubeless's prepare step would have refused it too)")
            return
        default: return
        }
        let files: [String: Data]
        switch kind.files(bytes, fileName: fileName) {
        case .success(let f): files = f
        case .failure(let problem):
            let reason = if case .archive(let text) = problem { text } else { "\(problem)" }
            log.error("the \(kind.archive?.rawValue ?? "") archive cannot be unpacked: \(reason)", at: fields.content,
                      hint: "unpack and check the archive yourself, then import its files")
            return
        }
        for reserved in ["function.jsonnet", "function.json"] where files[reserved] != nil {
            log.error("the archive holds a \(reserved), which would replace the imported definition", at: fields.content)
            return
        }
        draft.files.merge(files) { _, new in new }
        guard kind.archive != nil else { return }
        if facts != nil, files[fileName] == nil {
            log.error("the archive has no \(fileName) at its top level, where the handler's module must be", at: fields.content,
                      hint: "top level: \(Set(files.keys.map { String($0.split(separator: "/")[0]) }).sorted().joined(separator: ", "))")
        }
        // Everything else in the archive was in /kubeless beside the module: ship it too.
        let tops = Set(files.keys.map { String($0.split(separator: "/")[0]) }).subtracting([fileName, depName])
        draft.extraFiles += tops.sorted()
        if files[depName] != nil { noteCompiledDeps(depName, facts: facts, at: fields.content, into: &draft) }
    }

    /// A dependency file of a runtime without an installation phase (go.mod, pom.xml) is used by
    /// the compilation phase: kfn ships it as a source file.
    private func noteCompiledDeps(_ depName: String, facts: RuntimeFacts?, at field: Field, into draft: inout DefinitionDraft) {
        guard facts?.hasInstallation == false, !draft.extraFiles.contains(depName) else { return }
        draft.extraFiles.append(depName)
        log.warning("\(depName) is listed in `files`: runtime '\(draft.runtime ?? "")' has no installation phase, its compilation reads the file", at: field)
    }
}
