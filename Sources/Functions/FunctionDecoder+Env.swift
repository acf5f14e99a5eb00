import Catalog
import Jsonnet

extension FunctionDecoder {
    static func looksLikeCredential(_ name: String) -> Bool { DefinitionRules.looksLikeCredential(name) }

    mutating func decodeEnv(_ spec: inout FunctionSpec, _ o: [String: JSONValue]) {
        var env: [EnvVar] = []
        if let v = o["env"], !v.isNull {
            switch v {
            case .object(let obj):
                for key in obj.keys.sorted() { appendEnv(&env, key, obj[key]!, at: ".env.\(key)") }
            case .array(let list):
                // A list keeps the order, for values that refer to earlier ones with $(VAR).
                for (i, item) in list.enumerated() {
                    guard let e = item.objectValue, let name = e["name"]?.stringValue else {
                        r.error("env[\(i)] must be `{name: 'NAME', value: '...'}`", at: ".env[\(i)]")
                        continue
                    }
                    appendEnv(&env, name, e["value"] ?? "", at: ".env[\(i)]")
                }
            default:
                r.error("env must be an object of NAME: value, got \(v.typeName)", at: ".env")
            }
        }
        spec.env = env

        if let obj = r.object(o, "secretEnv", at: "") {
            for key in obj.keys.sorted() {
                let p = ".secretEnv.\(key)"
                checkEnvName(key, at: p)
                guard let ref = obj[key]?.objectValue else {
                    r.error("secretEnv.\(key) must be `{secret: 'name', key: 'key'}`, got \(obj[key]!.typeName)", at: p)
                    continue
                }
                r.rejectUnknown(ref, known: ["secret", "key", "optional"], at: p)
                let secret = r.string(ref, "secret", at: p)
                let key2 = r.string(ref, "key", at: p)
                if secret == nil || secret!.isEmpty {
                    r.error("secretEnv.\(key) names no secret", at: p, hint: "write `{secret: 'secret-name', key: 'key-in-secret'}`")
                } else if !KubernetesNames.isDNSSubdomain(secret!) {
                    r.error("'\(secret!)' is not a valid Secret name", at: p + ".secret")
                }
                if key2 == nil || key2!.isEmpty {
                    r.error("secretEnv.\(key) has no key", at: p, hint: "write `{secret: '\(secret ?? "secret-name")', key: 'key-in-secret'}`")
                } else if !KubernetesNames.isConfigMapKey(key2!) {
                    r.error("'\(key2!)' is not a valid Secret key", at: p + ".key")
                }
                if env.contains(where: { $0.name == key }) {
                    r.error("\(key) is set in both env and secretEnv", at: p)
                }
                spec.secretEnv.append(SecretEnv(name: key, secret: secret ?? "", key: key2 ?? "", optional: r.bool(ref, "optional", at: p) ?? false))
            }
        }
        for (i, s) in (r.strings(o, "secrets", at: "") ?? []).enumerated() {
            if !KubernetesNames.isDNSLabel(s) || s.count > 59 {
                r.error("'\(s)' is not a valid Secret name to mount", at: ".secrets[\(i)]",
                        hint: "secrets are mounted at /<name> through a volume named <name>-vol, so the name must be a DNS label of at most 59 characters")
            } else if spec.secrets.contains(s) {
                r.error("secret '\(s)' is listed twice", at: ".secrets[\(i)]")
            } else {
                spec.secrets.append(s)
            }
        }
    }

    private mutating func appendEnv(_ env: inout [EnvVar], _ name: String, _ value: JSONValue, at path: String) {
        checkEnvName(name, at: path)
        let text: String
        switch value {
        case .string(let s): text = s
        case .number(let d): text = JSONWriter.formatNumber(d)
        case .bool(let b): text = b ? "true" : "false"
        case .null: text = ""
        default:
            r.error("env \(name) must be a string, got \(value.typeName)", at: path)
            return
        }
        if Self.looksLikeCredential(name), !text.isEmpty {
            r.error("\(name) looks like a credential and would be written to out/ in plain text", at: path,
                    hint: "put the value in a Kubernetes Secret and reference it: `secretEnv: { \(name): {secret: 'my-secret', key: '\(name.lowercased())'} }`")
            return
        }
        if env.contains(where: { $0.name == name }) {
            r.error("env \(name) is set twice", at: path)
            return
        }
        env.append(EnvVar(name, text))
    }

    private mutating func checkEnvName(_ name: String, at path: String) {
        if !EnvName.isValid(name) {
            r.error("'\(name)' is not a valid environment variable name", at: path, hint: "use letters, digits and '_', not starting with a digit")
        } else if DefinitionRules.reservedEnv.contains(name) {
            r.error("\(name) is set by kfn from the function definition", at: path,
                    hint: "use the matching field instead (handler, timeout, port, runtime, resources)")
        }
    }
}
