import Diagnostics
import Foundation

/// The Kubeless custom resources of the input files, in input order.
struct InputObjects {
    var functions: [Field] = []
    var httpTriggers: [Field] = []
    var cronJobTriggers: [Field] = []
    var kafkaTriggers: [Field] = []

    /// Reads `kind: List` documents (`kubectl get -o yaml`) and single objects (`--dryrun -o yaml`,
    /// hand-written multi-document files). Other kinds are skipped with a warning.
    mutating func read(_ text: String, file: String, log: ImportLog) {
        let documents: [YAMLValue]
        do {
            documents = try YAMLReader.documents(text, file: file)
        } catch {
            error.diagnostics.forEach(log.add)
            return
        }
        for (i, doc) in documents.enumerated() where !doc.isEmpty {
            let root = Field(root: doc, origin: Origin(file: file, path: "", line: doc.line))
            // `List`, or a typed list such as `FunctionList`.
            if root["kind"].value?.string?.hasSuffix("List") ?? false {
                guard let items = doc["items"]?.items else {
                    log.error("a \(doc["kind"]?.string ?? "List") without items", at: root["items"])
                    continue
                }
                for (j, item) in items.enumerated() {
                    add(Field(root: item, origin: Origin(file: file, path: ".items[\(j)]", line: item.line)), log: log)
                }
            } else {
                let path = documents.count > 1 ? "[document \(i + 1)]" : ""
                add(Field(root: doc, origin: Origin(file: file, path: path, line: doc.line)), log: log)
            }
        }
    }

    private mutating func add(_ object: Field, log: ImportLog) {
        guard object.value?.pairs != nil else {
            log.warning("skipped: not an object (\(object.value?.typeName ?? "empty"))", at: object)
            return
        }
        let kind = object["kind"].value?.string ?? ""
        let apiVersion = object["apiVersion"].value?.string ?? ""
        guard apiVersion.hasPrefix("kubeless.io/") else {
            log.warning("skipped: \(kind.isEmpty ? "an object without kind" : kind) \(apiVersion) is not a Kubeless object", at: object,
                        hint: "kfn import reads Function, HTTPTrigger, CronJobTrigger and KafkaTrigger (kubeless.io)")
            return
        }
        object["kind"].consume()
        object["apiVersion"].consume()
        switch kind {
        case "Function": functions.append(object)
        case "HTTPTrigger": httpTriggers.append(object)
        case "CronJobTrigger": cronJobTriggers.append(object)
        case "KafkaTrigger": kafkaTriggers.append(object)
        default:
            log.warning("skipped: kfn import does not convert \(kind) objects", at: object,
                        hint: kind.hasSuffix("Trigger")
                            ? "kfn has no \(kind); NATS and Kinesis triggers need a consumer of your own"
                            : "kfn import reads Function, HTTPTrigger, CronJobTrigger and KafkaTrigger")
        }
    }
}

extension Field {
    var name: String { self["metadata"]["name"].value?.string ?? "" }
    var namespace: String {
        let ns = self["metadata"]["namespace"].value?.string ?? ""
        return ns.isEmpty ? "default" : ns
    }

    /// Marks the metadata the API server maintains, which describes the cluster's copy and not
    /// the function (uid, resourceVersion, timestamps, finalizers, ...), as handled.
    func consumeServerState() {
        for key in ["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                    "managedFields", "selfLink", "finalizers", "ownerReferences", "generateName"] {
            self["metadata"][key].consume()
        }
        self["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"].consume()
        self["status"].consume()
    }
}
