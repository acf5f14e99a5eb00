import Jsonnet

extension FunctionDecoder {
    mutating func decodeTriggers(_ spec: inout FunctionSpec, _ o: [String: JSONValue]) {
        decodeHTTP(&spec, o)
        decodeSchedule(&spec, o)
        decodeKafka(&spec, o)
    }

    private mutating func decodeHTTP(_ spec: inout FunctionSpec, _ o: [String: JSONValue]) {
        guard let h = r.object(o, "http", at: "") else { return }
        let p = ".http"
        r.rejectUnknown(h, known: ["host", "path", "gateway", "ingressClassName", "tlsSecret", "tlsAcme", "basicAuthSecret", "cors"], at: p)
        let host = r.string(h, "host", at: p) ?? ""
        if host.isEmpty {
            r.error("http.host is required", at: p, hint: "e.g. `http: {host: 'hello.example.com'}`")
        } else if !KubernetesNames.isHost(host) {
            r.error("'\(host)' is not a DNS host name", at: p + ".host", hint: "use lowercase letters, digits, '-' and dots, e.g. hello.example.com")
        }
        let path = r.string(h, "path", at: p) ?? "/"
        if !path.hasPrefix("/") {
            r.error("http.path '\(path)' must start with '/'", at: p + ".path", hint: "write '/\(path)'")
        } else if path.contains(" ") || path.contains("?") || path.contains("#") {
            r.error("http.path '\(path)' must be a plain path (no spaces, query or fragment)", at: p + ".path")
        }
        let gatewayText = r.string(h, "gateway", at: p) ?? "nginx"
        let gateway = HTTPTrigger.Gateway(rawValue: gatewayText)
        if gateway == nil {
            r.error("unknown gateway '\(gatewayText)'", at: p + ".gateway", hint: "use nginx, traefik or kong")
        }
        let tlsSecret = r.string(h, "tlsSecret", at: p)
        let acme = r.bool(h, "tlsAcme", at: p) ?? false
        if tlsSecret != nil, acme {
            r.error("http.tlsSecret and http.tlsAcme are both set", at: p + ".tlsAcme",
                    hint: "use tlsSecret for a certificate you manage, or tlsAcme to have cert-manager issue one, not both")
        }
        if let s = tlsSecret, !KubernetesNames.isDNSSubdomain(s) {
            r.error("'\(s)' is not a valid Secret name", at: p + ".tlsSecret")
        }
        let basic = r.string(h, "basicAuthSecret", at: p)
        if let b = basic {
            if gateway == .kong {
                r.error("basic auth is not supported on the kong gateway", at: p + ".basicAuthSecret",
                        hint: "configure a KongPlugin for basic-auth and reference it with `annotations: {'konghq.com/plugins': ...}`, or use nginx or traefik")
            } else if !KubernetesNames.isDNSSubdomain(b) {
                r.error("'\(b)' is not a valid Secret name", at: p + ".basicAuthSecret")
            }
        }
        let className = r.string(h, "ingressClassName", at: p) ?? gatewayText
        if !KubernetesNames.isDNSSubdomain(className) {
            r.error("'\(className)' is not a valid IngressClass name", at: p + ".ingressClassName")
        }
        spec.http = HTTPTrigger(host: host, path: path, gateway: gateway ?? .nginx, ingressClassName: className, tlsSecret: tlsSecret,
                                tlsAcme: acme, basicAuthSecret: basic, cors: r.bool(h, "cors", at: p) ?? false)
    }

    private mutating func decodeSchedule(_ spec: inout FunctionSpec, _ o: [String: JSONValue]) {
        guard let v = o["schedule"], !v.isNull else { return }
        let p = ".schedule"
        var s: [String: JSONValue]
        switch v {
        case .string(let cron): s = ["cron": .string(cron)]
        case .object(let obj): s = obj
        default:
            r.error("schedule must be a cron string or `{cron, payload}`, got \(v.typeName)", at: p)
            return
        }
        r.rejectUnknown(s, known: ["cron", "payload", "concurrencyPolicy", "timeZone"], at: p)
        let cronPath = v.stringValue != nil ? p : p + ".cron"
        guard let cron = r.string(s, "cron", at: p), !cron.isEmpty else {
            r.error("schedule.cron is required", at: p, hint: "e.g. `schedule: '*/5 * * * *'`")
            return
        }
        if let problem = Cron.problem(in: cron) {
            r.error("invalid cron schedule '\(cron)': \(problem)", at: cronPath,
                    hint: "five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-6), or @hourly, @daily, …")
        }
        let policyText = r.string(s, "concurrencyPolicy", at: p) ?? "Forbid"
        let policy = Schedule.ConcurrencyPolicy(rawValue: policyText)
        if policy == nil {
            r.error("unknown concurrencyPolicy '\(policyText)'", at: p + ".concurrencyPolicy", hint: "use Forbid (the default), Allow or Replace")
        }
        let tz = r.string(s, "timeZone", at: p)
        if let tz, tz.isEmpty || tz.contains(" ") {
            r.error("'\(tz)' is not a time zone name", at: p + ".timeZone", hint: "use an IANA name such as Europe/Berlin")
        }
        let payload = s["payload"].flatMap { $0.isNull ? nil : $0 }
        spec.schedule = Schedule(cron: cron, payload: payload, concurrencyPolicy: policy ?? .Forbid, timeZone: tz)
    }

    private mutating func decodeKafka(_ spec: inout FunctionSpec, _ o: [String: JSONValue]) {
        guard let v = o["kafka"], !v.isNull else { return }
        let list: [JSONValue]
        switch v {
        case .array(let a): list = a
        case .object: list = [v]
        default:
            r.error("kafka must be a list of `{topic, brokers}`, got \(v.typeName)", at: ".kafka")
            return
        }
        var topics: Set<String> = []
        for (i, item) in list.enumerated() {
            let p = ".kafka[\(i)]"
            guard let k = item.objectValue else {
                r.error("kafka[\(i)] must be `{topic, brokers}`, got \(item.typeName)", at: p)
                continue
            }
            r.rejectUnknown(k, known: ["topic", "brokers", "group", "deadLetterTopic", "maxRetries"], at: p)
            let topic = r.string(k, "topic", at: p) ?? ""
            if topic.isEmpty {
                r.error("kafka[\(i)] has an empty topic", at: p + ".topic", hint: "name the topic to consume, e.g. `topic: 'orders'`")
            } else if !DefinitionRules.isTopicName(topic) {
                r.error("'\(topic)' is not a valid Kafka topic name", at: p + ".topic", hint: "use at most 249 letters, digits, '.', '_' and '-'")
            } else if !topics.insert(topic).inserted {
                r.error("topic '\(topic)' is consumed twice", at: p + ".topic")
            }
            let brokers = (r.strings(k, "brokers", at: p) ?? []).flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            if brokers.isEmpty {
                r.error("kafka[\(i)] has no brokers", at: p, hint: "e.g. `brokers: ['kafka.kafka.svc:9092']`")
            }
            for b in brokers where !b.contains(":") {
                r.error("broker '\(b)' has no port", at: p + ".brokers", hint: "write host:port, e.g. \(b):9092")
            }
            let dlt = r.string(k, "deadLetterTopic", at: p)
            if let d = dlt, !DefinitionRules.isTopicName(d) {
                r.error("'\(d)' is not a valid Kafka topic name", at: p + ".deadLetterTopic")
            } else if let d = dlt, d == topic {
                r.error("the dead-letter topic is the topic itself", at: p + ".deadLetterTopic")
            }
            let retries = r.int(k, "maxRetries", at: p) ?? 5
            if retries < 0 { r.error("maxRetries must be 0 or more, got \(retries)", at: p + ".maxRetries") }
            let group = r.string(k, "group", at: p)
            if let g = group, g.isEmpty { r.error("kafka[\(i)].group is empty", at: p + ".group") }
            spec.kafka.append(KafkaTrigger(topic: topic, brokers: brokers, group: group, deadLetterTopic: dlt, maxRetries: retries))
        }
    }

    mutating func decodeVerify(_ spec: inout FunctionSpec, _ o: [String: JSONValue]) {
        guard let v = o["verify"], !v.isNull else { return }
        guard let list = v.arrayValue else {
            r.error("verify must be a list of cases, got \(v.typeName)", at: ".verify")
            return
        }
        var names: Set<String> = []
        for (i, item) in list.enumerated() {
            let p = ".verify[\(i)]"
            guard let c = item.objectValue else {
                r.error("verify[\(i)] must be an object", at: p)
                continue
            }
            r.rejectUnknown(c, known: ["name", "method", "path", "headers", "body", "expect"], at: p)
            let name = r.string(c, "name", at: p) ?? "case \(i + 1)"
            if !names.insert(name).inserted { r.error("two verify cases are named '\(name)'", at: p + ".name") }
            if let m = r.string(c, "method", at: p), !["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].contains(m) {
                r.error("unknown method '\(m)'", at: p + ".method", hint: "use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS")
            }
            if let path = r.string(c, "path", at: p), !path.hasPrefix("/") {
                r.error("verify path '\(path)' must start with '/'", at: p + ".path")
            }
            _ = r.stringMap(c, "headers", at: p)
            if let e = r.object(c, "expect", at: p) {
                r.rejectUnknown(e, known: ["status", "body", "contains", "json", "headers"], at: p + ".expect")
                if let s = r.int(e, "status", at: p + ".expect"), !(100...599).contains(s) {
                    r.error("expected status \(s) is not an HTTP status", at: p + ".expect.status")
                }
            } else {
                r.error("verify[\(i)] has no expect", at: p, hint: "e.g. `expect: {status: 200, contains: 'hello'}`")
            }
        }
        spec.verify = list
    }
}
