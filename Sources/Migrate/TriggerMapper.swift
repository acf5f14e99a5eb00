import Foundation
import Functions
import Jsonnet

/// Attaches HTTPTrigger, CronJobTrigger and KafkaTrigger objects to the imported functions.
struct TriggerMapper {
    let log: ImportLog
    /// `--kafka-brokers`; empty: a marked placeholder and a warning.
    let kafkaBrokers: [String]
    /// The functions folder, to name the file to edit.
    let directory: String

    static let placeholderBroker = "kafka.kubeless:9092"

    /// The function a trigger names (`function-name`, in the trigger's namespace), or nil, reported.
    private func target(_ trigger: Field, kind: String, in drafts: [DefinitionDraft]) -> Int? {
        let fn = trigger["spec"]["function-name"]
        let name = fn.string(log) ?? ""
        let ns = trigger.namespace
        guard let i = drafts.firstIndex(where: { $0.name == name && $0.namespace == ns }) else {
            log.warning("skipped: \(kind) \(ns)/\(trigger.name) calls function '\(name)', which is not among the imported Functions", at: fn,
                        hint: "import the trigger together with its Function (`kubectl get functions,\(kind.lowercased())s -A -o yaml`)")
            trigger.consume()
            return nil
        }
        return i
    }

    /// Trigger metadata: the name and namespace are used, labels and annotations applied only to
    /// the trigger's own object in Kubeless, so they are reported unless they are Kubeless's own.
    private func consumeMetadata(_ trigger: Field) {
        trigger.consumeServerState()
        trigger["metadata"]["name"].consume()
        trigger["metadata"]["namespace"].consume()
        trigger["metadata"]["labels"]["created-by"].consume()
        trigger["metadata"]["labels"]["function"].consume()
    }

    func http(_ trigger: Field, _ drafts: inout [DefinitionDraft]) {
        consumeMetadata(trigger)
        guard let i = target(trigger, kind: "HTTPTrigger", in: drafts) else { return }
        let spec = trigger["spec"]
        if drafts[i].http != nil {
            log.warning("skipped: function \(drafts[i].namespace)/\(drafts[i].name) already has an HTTPTrigger; kfn makes one Ingress per function", at: trigger,
                        hint: "add a second Ingress yourself, or merge the routes")
            trigger.consume()
            return
        }
        typealias M = DefinitionValue.Member
        var members: [M] = []
        let host = spec["host-name"].string(log) ?? ""
        if host.isEmpty {
            log.error("the HTTPTrigger has no host-name", at: spec["host-name"],
                      hint: "kfn needs the Ingress host; set spec.host-name in the input (the Kubeless CLI defaulted it to <function>.<cluster IP>.nip.io)")
        } else {
            members.append(M(key: "host", value: .string(host)))
        }
        // Kubeless prefixed the path with '/'.
        let path = spec["path"].string(log) ?? ""
        if !path.isEmpty, path != "/" { members.append(M(key: "path", value: .string("/" + path.drop { $0 == "/" }))) }
        let gateway = spec["gateway"].string(log) ?? ""
        if !gateway.isEmpty, gateway != "nginx" {
            if HTTPTrigger.Gateway(rawValue: gateway) == nil {
                log.error("unknown gateway '\(gateway)'", at: spec["gateway"], hint: "Kubeless and kfn know nginx, traefik and kong")
            }
            members.append(M(key: "gateway", value: .string(gateway)))
        }
        let tlsSecret = spec["tls-secret"].string(log) ?? ""
        let acme = spec["tls"].bool(log) ?? false
        if !tlsSecret.isEmpty, acme {
            log.error("the HTTPTrigger sets both tls and tls-secret", at: spec["tls"], hint: "Kubeless refused this too; keep one of them in the input")
        }
        if !tlsSecret.isEmpty { members.append(M(key: "tlsSecret", value: .string(tlsSecret))) }
        if acme { members.append(M(key: "tlsAcme", value: .scalar(true))) }
        if let basic = spec["basic-auth-secret"].string(log), !basic.isEmpty {
            if gateway == "kong" {
                log.error("basic auth on the kong gateway is not supported", at: spec["basic-auth-secret"],
                          hint: "Kubeless refused it too; configure a KongPlugin yourself and drop basic-auth-secret from the input")
            }
            members.append(M(key: "basicAuthSecret", value: .string(basic)))
        }
        if spec["cors-enable"].bool(log) == true { members.append(M(key: "cors", value: .scalar(true))) }
        drafts[i].http = .object(members)
        reportRest(trigger, ingressOnly: true)
    }

    func cron(_ trigger: Field, _ drafts: inout [DefinitionDraft]) {
        consumeMetadata(trigger)
        guard let i = target(trigger, kind: "CronJobTrigger", in: drafts) else { return }
        let spec = trigger["spec"]
        if drafts[i].schedule != nil {
            log.warning("skipped: function \(drafts[i].namespace)/\(drafts[i].name) already has a CronJobTrigger; kfn makes one CronJob per function", at: trigger)
            trigger.consume()
            return
        }
        let cron = spec["schedule"].string(log) ?? ""
        if cron.isEmpty {
            log.error("the CronJobTrigger has no schedule", at: spec["schedule"])
        } else if let problem = Cron.problem(in: cron) {
            log.error("invalid cron schedule '\(cron)': \(problem)", at: spec["schedule"], hint: "fix spec.schedule in the input")
        }
        spec["payload"].consume()
        if let payload = spec["payload"].value, case .null = payload.kind {
            drafts[i].schedule = .string(cron)
        } else if let payload = spec["payload"].value {
            drafts[i].schedule = .object([.init(key: "cron", value: .string(cron)), .init(key: "payload", value: DefinitionValue(payload.json))])
        } else {
            drafts[i].schedule = .string(cron)
        }
        reportRest(trigger, ingressOnly: false)
    }

    func kafka(_ trigger: Field, _ drafts: inout [DefinitionDraft]) {
        consumeMetadata(trigger)
        let spec = trigger["spec"]
        let topics = (spec["topic"].string(log) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if topics.isEmpty { log.error("the KafkaTrigger has no topic", at: spec["topic"]) }
        for t in topics where !DefinitionRules.isTopicName(t) {
            log.error("'\(t)' is not a valid Kafka topic name", at: spec["topic"])
        }
        let selector = spec["functionSelector"]
        if selector["matchExpressions"].exists, !selector["matchExpressions"].isEmpty {
            selector["matchExpressions"].drop(log, "kfn import matches functionSelector.matchLabels only; the trigger is not attached to any function",
                                              hint: "add `kafka: [{topic, brokers}]` to the definitions of the functions it selected")
            reportRest(trigger, ingressOnly: false)
            return
        }
        let wanted = selector["matchLabels"].stringMap(log)
        let ns = trigger.namespace
        let matches = drafts.indices.filter { i in
            drafts[i].namespace == ns && wanted.allSatisfy { drafts[i].clusterLabels[$0.key] == $0.value }
        }
        if matches.isEmpty {
            log.warning("skipped: KafkaTrigger \(ns)/\(trigger.name) selects none of the imported Functions", at: selector)
        }
        typealias M = DefinitionValue.Member
        for i in matches {
            for topic in topics {
                if drafts[i].kafka.contains(where: { if case .object(let m) = $0 { m.first?.value == .string(topic) } else { false } }) {
                    log.warning("not imported: function \(ns)/\(drafts[i].name) already consumes topic '\(topic)'", at: spec["topic"])
                    continue
                }
                let brokers: DefinitionValue = .list((kafkaBrokers.isEmpty ? [Self.placeholderBroker] : kafkaBrokers).map(DefinitionValue.string))
                // Kubeless's consumer group, so the consumer carries on from the committed offsets.
                let group = "\(ns)_\(trigger.name)_\(drafts[i].name)_\(topic)"
                drafts[i].kafka.append(.object([
                    M(key: "topic", value: .string(topic)),
                    M(key: "brokers", value: brokers,
                      comment: kafkaBrokers.isEmpty ? "PLACEHOLDER (kfn import): the KafkaTrigger does not name brokers; this is the Kubeless controller's default." : nil),
                    M(key: "group", value: .string(group)),
                ]))
                if kafkaBrokers.isEmpty {
                    log.warning("the brokers of topic '\(topic)' for \(ns)/\(drafts[i].name) are a placeholder (\(Self.placeholderBroker), the Kubeless default)", at: spec["topic"],
                                hint: "pass --kafka-brokers host:port,… to kfn import, or edit `brokers` in \(directory)/\(drafts[i].folder)/function.jsonnet")
                }
            }
        }
        reportRest(trigger, ingressOnly: false)
    }

    private func reportRest(_ trigger: Field, ingressOnly: Bool) {
        for (key, field) in trigger["metadata"]["labels"].entries where !field.isEmpty && !field.ledger.isConsumed(field.path) {
            field.drop(log, "label \(key) of the trigger applied to its \(ingressOnly ? "Ingress" : "object") only",
                       hint: "kfn's `labels` apply to every object of the function; add it there if it belongs on all of them")
        }
        for (key, field) in trigger["metadata"]["annotations"].entries where !field.isEmpty && !field.ledger.isConsumed(field.path) {
            field.drop(log, "annotation \(key) of the trigger applied to its \(ingressOnly ? "Ingress" : "object") only",
                       hint: "kfn's `annotations` apply to every object of the function; for Ingress-only annotations edit templates/ingress.jsonnet")
        }
        trigger.reportUnconsumed(log, hint: FunctionMapper.unconsumedHint)
    }
}
