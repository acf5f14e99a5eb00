import Foundation
import Functions

extension FunctionMapper {
    /// The Deployment template Kubeless merged into the function's Deployment: replicas, labels
    /// and annotations, and container 0's image, env, resources and secret mounts.
    func mapDeployment(_ deployment: Field, facts: RuntimeFacts?, into draft: inout DefinitionDraft) {
        guard deployment.exists else { return }
        for m in [deployment["metadata"], deployment["spec"]["template"]["metadata"]] {
            m["name"].consume()
            m["namespace"].consume()
            m["creationTimestamp"].consume()
            mergeMetadata(m, into: &draft)
        }
        let spec = deployment["spec"]
        draft.replicas = spec["replicas"].int(log)
        // Kubeless replaced both with its own; what the template said never took effect.
        spec["selector"].consume()
        spec["strategy"].consume()

        let pod = spec["template"]["spec"]
        let container = pod["containers"][0]
        container["name"].consume()
        if let image = container["image"].string(log), !image.isEmpty, image != facts?.runtimeImage {
            draft.image = image
        }
        if ["Always", "IfNotPresent"].contains(container["imagePullPolicy"].value?.string) {
            // `kubeless function deploy` wrote Always on every function; kfn pulls IfNotPresent
            // because catalog images are pinned by digest (docs/import.md). Never is reported.
            container["imagePullPolicy"].consume()
        }
        mapEnv(container["env"], into: &draft)
        mapResources(container["resources"], into: &draft)
        mapSecretMounts(container["volumeMounts"], volumes: pod["volumes"], into: &draft)
    }

    /// Deployment and pod labels and annotations apply to every kfn object of the function; the
    /// Function's own values win, as in Kubeless.
    private func mergeMetadata(_ meta: Field, into draft: inout DefinitionDraft) {
        for (key, value, field) in meta["labels"].stringMap(log) where key != "created-by" && key != "function" {
            if DefinitionRules.reservedLabels.contains(key) {
                log.warning("not imported: kfn sets the label '\(key)' itself", at: field)
            } else if let existing = draft.labels[key], existing != value {
                log.warning("not imported: the Function's label \(key)=\(existing) wins", at: field)
            } else {
                draft.labels[key] = value
            }
        }
        for (key, value, field) in meta["annotations"].stringMap(log) {
            if let existing = draft.annotations[key], existing != value {
                log.warning("not imported: the Function's annotation \(key) wins", at: field)
            } else {
                draft.annotations[key] = value
            }
        }
    }

    private func mapEnv(_ env: Field, into draft: inout DefinitionDraft) {
        for item in env.elements {
            guard let name = item["name"].string(log), !name.isEmpty else { continue }
            if DefinitionRules.reservedEnv.contains(name) {
                item.drop(log, "kfn sets \(name) from the definition (handler, timeout, runtime, resources, port)")
                continue
            }
            if draft.env.contains(where: { $0.name == name }) || draft.secretEnv.contains(where: { $0.name == name }) {
                item.drop(log, "\(name) is set twice; the first value is kept")
                continue
            }
            let ref = item["valueFrom"]["secretKeyRef"]
            if ref.exists {
                let secret = ref["name"].string(log) ?? ""
                let key = ref["key"].string(log) ?? ""
                draft.secretEnv.append(.init(name: name, secret: secret, key: key, optional: ref["optional"].bool(log) ?? false))
                continue
            }
            if item["valueFrom"].exists {
                item.drop(log, "kfn's env takes values and secretKeyRefs only (\(item["valueFrom"].entries.map(\.key).joined(separator: ", ")) is not supported)",
                          hint: "use secretEnv for secrets; other references need a change to templates/deployment.jsonnet")
                continue
            }
            let value = item["value"].string(log) ?? ""
            if DefinitionRules.looksLikeCredential(name), !value.isEmpty {
                // The value must not reach git: reference a Secret the user creates from it.
                let secret = "\(draft.name)-env"
                draft.secretEnv.append(.init(name: name, secret: secret, key: name, optional: false))
                log.warning("\(name) looks like a credential: imported as a reference to Secret \(secret), key \(name), not as its value", at: item["value"],
                            hint: "create the Secret before deploying: kubectl create secret generic \(secret) -n \(draft.namespace) --from-literal=\(name)=<value>")
                continue
            }
            draft.env.append((name, value))
        }
    }

    private func mapResources(_ resources: Field, into draft: inout DefinitionDraft) {
        typealias M = DefinitionValue.Member
        var sections: [String: [String: String]] = [:]
        for section in ["requests", "limits"] {
            for (key, value, field) in resources[section].stringMap(log) {
                // `kubeless function deploy --memory M` without --cpu wrote cpu "0" (and vice versa).
                if value == "0" {
                    log.warning("not imported: a zero \(key) \(section == "requests" ? "request" : "limit") (what `kubeless function deploy` wrote for an omitted --\(key)); kfn's default applies", at: field)
                    continue
                }
                sections[section, default: [:]][key] = value
            }
        }
        let requests = sections["requests"] ?? [:], limits = sections["limits"] ?? [:]
        func object(_ map: [String: String]) -> DefinitionValue {
            // memory before cpu, as people write it; anything else after, sorted.
            .object(map.keys.sorted { ($0 == "memory" ? 0 : $0 == "cpu" ? 1 : 2, $0) < ($1 == "memory" ? 0 : $1 == "cpu" ? 1 : 2, $1) }
                .map { M(key: $0, value: .string(map[$0]!)) })
        }
        if requests.isEmpty, limits.isEmpty { return }
        if requests == limits {
            draft.resources = object(requests)
        } else {
            var members: [M] = []
            if !requests.isEmpty { members.append(M(key: "requests", value: object(requests))) }
            if !limits.isEmpty { members.append(M(key: "limits", value: object(limits))) }
            draft.resources = .object(members)
        }
    }

    /// `kubeless function deploy --secrets S` mounted volume `S-vol` (Secret S) at `/S`: kfn's `secrets`.
    private func mapSecretMounts(_ mounts: Field, volumes: Field, into draft: inout DefinitionDraft) {
        for mount in mounts.elements {
            guard let volumeName = mount["name"].value?.string, let path = mount["mountPath"].value?.string,
                  let volume = volumes.elements.first(where: { $0["name"].value?.string == volumeName }),
                  let secret = volume["secret"]["secretName"].value?.string,
                  volumeName == secret + "-vol", path == "/" + secret || path == "/" + secret + "/" else { continue }
            draft.secrets.append(secret)
            mount.consume()
            volume.consume()
        }
    }

    /// `spec.service.ports[0].targetPort` is the function's port.
    func mapService(_ service: Field, into draft: inout DefinitionDraft) {
        service["selector"].consume()
        if service["type"].value?.string == "ClusterIP" { service["type"].consume() }
        let port = service["ports"][0]
        guard port.exists else { return }
        let servicePort = port["port"].int(log)
        let target = port["targetPort"].int(log) ?? servicePort ?? 8080
        if !(1...65535).contains(target) {
            log.error("port \(target) is out of range 1-65535", at: port["targetPort"])
        } else if target != 8080 {
            draft.port = target
        }
        if let servicePort, servicePort != target {
            port["port"].drop(log, "the Service port \(servicePort) differs from the function port \(target); kfn's Service listens on the function port",
                              hint: "clients of the Service must use port \(target)")
        }
        port["name"].consume()
        port["protocol"].consume()
    }

    /// An HPA Kubeless created (name and scaleTargetRef set) on CPU becomes `autoscale`.
    func mapAutoscaler(_ hpa: Field, into draft: inout DefinitionDraft) {
        guard hpa.exists else { return }
        let spec = hpa["spec"]
        guard let name = hpa["metadata"]["name"].value?.string, !name.isEmpty,
              let target = spec["scaleTargetRef"]["name"].value?.string, !target.isEmpty else {
            hpa.consume()  // Kubeless created no HPA from an unnamed one (what --dryrun prints)
            return
        }
        for key in ["name", "namespace", "labels", "creationTimestamp"] { hpa["metadata"][key].consume() }
        spec["scaleTargetRef"].consume()
        let min = spec["minReplicas"].int(log) ?? 1
        let max = spec["maxReplicas"].int(log) ?? min
        var cpu = 80
        let metric = spec["metrics"][0]
        let percent = metric["resource"]["targetAverageUtilization"].exists ? metric["resource"]["targetAverageUtilization"]
            : metric["resource"]["target"]["averageUtilization"]
        if metric["type"].value?.string == "Resource", metric["resource"]["name"].value?.string == "cpu", let p = percent.int(log) {
            cpu = p
            for f in [metric["type"], metric["resource"]["name"], metric["resource"]["target"]["type"]] { f.consume() }
        } else if metric.exists {
            metric.drop(log, "kfn autoscales on CPU only; the HPA is imported with kfn's default target of 80% CPU",
                        hint: "the function_calls (qps) metric needs a ServiceMonitor and a custom HPA; set autoscale.cpuPercent as fits")
        }
        if draft.replicas != nil {
            draft.replicas = nil  // the HPA owns the replica count, in Kubeless as in kfn
        }
        draft.autoscale = (min, max, cpu)
    }
}
