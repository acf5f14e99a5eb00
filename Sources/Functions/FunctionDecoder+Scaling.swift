import Jsonnet

extension FunctionDecoder {
    mutating func decodeScaling(_ spec: inout FunctionSpec, _ o: [String: JSONValue]) {
        if let t = r.int(o, "timeout", at: "") {
            if t <= 0 {
                r.error("timeout must be a positive number of seconds, got \(t)", at: ".timeout", hint: "the default is 180")
            } else {
                spec.timeout = t
            }
        }
        if let p = r.int(o, "port", at: "") {
            if !(1...65535).contains(p) {
                r.error("port \(p) is out of range 1-65535", at: ".port", hint: "the default is 8080")
            } else {
                spec.port = p
            }
        }
        if let n = r.int(o, "replicas", at: "") {
            if n < 0 { r.error("replicas must be 0 or more, got \(n)", at: ".replicas") } else { spec.replicas = n }
        }
        if let res = r.object(o, "resources", at: "") {
            r.rejectUnknown(res, known: ["memory", "cpu", "requests", "limits"], at: ".resources")
            var requests = r.stringMap(res, "requests", at: ".resources") ?? [:]
            var limits = r.stringMap(res, "limits", at: ".resources") ?? [:]
            // The short form sets requests and limits alike, as `kubeless function deploy --memory --cpu` did.
            for key in ["memory", "cpu"] {
                if let v = res[key] {
                    let text = v.stringValue ?? (v.typeName == "a number" ? JSONWriter.formatNumber({ if case .number(let d) = v { d } else { 0 } }()) : nil)
                    guard let text else {
                        r.error("resources.\(key) must be a quantity such as \(key == "cpu" ? "'250m'" : "'128Mi'"), got \(v.typeName)", at: ".resources.\(key)")
                        continue
                    }
                    requests[key] = requests[key] ?? text
                    limits[key] = limits[key] ?? text
                }
            }
            var reported: Set<String> = []
            for (section, map) in [("requests", requests), ("limits", limits)] {
                for (k, v) in map.sorted(by: { $0.key < $1.key }) {
                    let path = res[k] != nil ? ".resources.\(k)" : ".resources.\(section).\(k)"
                    // The short form fills requests and limits from one value: report it once.
                    guard reported.insert(path).inserted else { continue }
                    if !Quantity.isValid(v) || Quantity.isNegative(v) {
                        r.error("'\(v)' is not a valid quantity for \(k)", at: path,
                                hint: k == "cpu" ? "write CPU as cores or millicores: '0.5', '250m'" : "write memory with a unit: '128Mi', '1Gi'")
                    }
                    if !["cpu", "memory", "ephemeral-storage"].contains(k), !k.contains("/") {
                        r.error("unknown resource '\(k)'", at: path, hint: "use cpu, memory or ephemeral-storage")
                    }
                }
            }
            spec.resources = Resources(requests: requests, limits: limits)
        }
        if let a = r.object(o, "autoscale", at: "") {
            r.rejectUnknown(a, known: ["min", "max", "cpuPercent"], at: ".autoscale")
            let min = r.int(a, "min", at: ".autoscale") ?? 1
            let max = r.int(a, "max", at: ".autoscale")
            let cpu = r.int(a, "cpuPercent", at: ".autoscale") ?? 80
            if min < 1 { r.error("autoscale.min must be at least 1, got \(min)", at: ".autoscale.min") }
            if let max {
                if max < min { r.error("autoscale.min (\(min)) is greater than autoscale.max (\(max))", at: ".autoscale.max") }
            } else {
                r.error("autoscale needs max", at: ".autoscale", hint: "e.g. `autoscale: {min: 1, max: 5, cpuPercent: 70}`")
            }
            if cpu < 1 { r.error("autoscale.cpuPercent must be positive, got \(cpu)", at: ".autoscale.cpuPercent") }
            if o["replicas"] != nil, !(o["replicas"]!.isNull) {
                r.error("replicas and autoscale are both set", at: ".replicas", hint: "with autoscale the HorizontalPodAutoscaler owns the replica count; remove replicas")
            }
            spec.autoscale = Autoscale(min: min, max: max ?? min, cpuPercent: cpu)
        }
    }

    mutating func decodeMetadata(_ spec: inout FunctionSpec, _ o: [String: JSONValue]) {
        for (k, v) in (r.stringMap(o, "labels", at: "") ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !KubernetesNames.isQualifiedName(k) {
                r.error("'\(k)' is not a valid label key", at: ".labels.\(k)", hint: "keys are `[prefix/]name`, name at most 63 of letters, digits, '-', '_' and '.'")
            } else if !KubernetesNames.isLabelValue(v) {
                r.error("'\(v)' is not a valid label value for \(k)", at: ".labels.\(k)", hint: "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")
            } else if DefinitionRules.reservedLabels.contains(k) {
                r.error("label '\(k)' is set by kfn", at: ".labels.\(k)", hint: "kfn uses it to select the function's pods; pick another key")
            } else {
                spec.labels[k] = v
            }
        }
        for (k, v) in (r.stringMap(o, "annotations", at: "") ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !KubernetesNames.isQualifiedName(k) {
                r.error("'\(k)' is not a valid annotation key", at: ".annotations.\(k)")
            } else {
                spec.annotations[k] = v
            }
        }
    }
}
