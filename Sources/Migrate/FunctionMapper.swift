import Catalog
import Foundation
import Functions

/// Turns one Kubeless `Function` object into a definition draft: metadata, runtime, handler,
/// timeout, sources and dependencies here; the Deployment template, Service and HPA in
/// `FunctionMapper+Deployment.swift`.
struct FunctionMapper {
    let catalog: Catalog
    let catalogPath: String
    let log: ImportLog

    static let unconsumedHint = "kfn's definition has no field for it; if your functions need it, add it to templates/ (they apply to every function), or leave it out"

    func map(_ object: Field) -> DefinitionDraft? {
        object.consumeServerState()
        let meta = object["metadata"]
        let name = meta["name"].string(log) ?? ""
        guard !name.isEmpty else {
            log.error("the Function has no metadata.name", at: meta)
            return nil
        }
        if !KubernetesNames.isDNS1035Label(name) {
            log.error("function name '\(name)' is not a valid kfn function name", at: meta["name"],
                      hint: "kfn names start with a letter (DNS-1035 label); rename the function in the input before importing")
        }
        let namespace = meta["namespace"].string(log).flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        var draft = DefinitionDraft(name: name, namespace: namespace, origin: object.origin, folder: name)
        mapMetadata(meta, into: &draft)

        let spec = object["spec"]
        let runtime = spec["runtime"].string(log).flatMap { $0.isEmpty ? nil : $0 }
        draft.runtime = runtime
        var facts: RuntimeFacts?
        if let runtime {
            facts = RuntimeFacts.lookUp(runtime, in: catalog, catalogPath: catalogPath)
            if let missing = facts?.missing {
                log.warning("runtime '\(runtime)' imported as it is, but \(missing)", at: spec["runtime"],
                            hint: "`kfn build` needs a catalog entry for \(runtime): add it to \(catalogPath) (or pass the Kubeless catalog with --runtimes), or change `runtime` in the definition")
            } else if facts == nil {
                log.warning("runtime '\(runtime)' is in neither \(catalogPath) nor the stock Kubeless catalog; the source file is written without a suffix", at: spec["runtime"],
                            hint: "`kfn build` needs a catalog entry for \(runtime); then rename the source file to <module><fileNameSuffix>")
            }
        }
        mapDeployment(spec["deployment"], facts: facts, into: &draft)
        mapHandler(spec, into: &draft)
        mapTimeout(spec["timeout"], into: &draft)
        mapSources(spec, facts: facts, into: &draft)
        mapService(spec["service"], into: &draft)
        mapAutoscaler(spec["horizontalPodAutoscaler"], into: &draft)
        if draft.runtime == nil, draft.image == nil {
            log.error("the Function has neither spec.runtime nor a custom image", at: spec,
                      hint: "set spec.runtime (e.g. python3.12) in the input, or the image in spec.deployment.spec.template.spec.containers[0].image")
        }
        return draft
    }

    private func mapMetadata(_ meta: Field, into draft: inout DefinitionDraft) {
        for (key, value, field) in meta["labels"].stringMap(log) {
            draft.clusterLabels[key] = value
            if key == "created-by" || key == "function" { continue }  // Kubeless's own; kfn sets `function` itself
            if DefinitionRules.reservedLabels.contains(key) {
                field.consume()
                log.warning("not imported: kfn sets the label '\(key)' itself", at: field)
                continue
            }
            draft.labels[key] = value
        }
        for (key, value, _) in meta["annotations"].stringMap(log) where key != "kubectl.kubernetes.io/last-applied-configuration" {
            draft.annotations[key] = value
        }
    }

    private func mapHandler(_ spec: Field, into draft: inout DefinitionDraft) {
        guard let handler = spec["handler"].string(log), !handler.isEmpty else {
            if draft.runtime != nil, draft.image == nil {
                log.error("the Function has a runtime but no handler", at: spec["handler"],
                          hint: "set spec.handler to `module.function` in the input (the module is the source file name without its suffix)")
            }
            return
        }
        let parts = handler.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count != 2 || parts.contains(where: \.isEmpty) {
            log.error("handler '\(handler)' must be `module.function` with exactly one dot", at: spec["handler"],
                      hint: "Kubeless rejected such handlers too; fix spec.handler in the input, e.g. `hello.handler`")
        } else if parts[0].contains("/") {
            log.error("the module '\(parts[0])' of handler '\(handler)' must be a file name, not a path", at: spec["handler"])
        }
        draft.handler = handler
    }

    private func mapTimeout(_ field: Field, into draft: inout DefinitionDraft) {
        guard let text = field.string(log), !text.isEmpty else { return }
        guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds > 0 else {
            log.error("timeout '\(text)' is not a positive whole number of seconds", at: field, hint: "fix spec.timeout in the input; Kubeless's default is \"180\"")
            return
        }
        if seconds != 180 { draft.timeout = seconds }
    }
}
