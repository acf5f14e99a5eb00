import Jsonnet

/// The resolved models as one JSON document, for tools that must evaluate the templates over
/// exactly the inputs kfn would (the go-jsonnet baseline of `make bench`). Not a stable interface:
/// `kfn build --dump-models` is hidden.
public enum ModelDump {
    /// `{"functions": [{definition, name, namespace, model, calls}]}`, in build order. `calls` are
    /// the jsonnet expressions kfn renders, over `m` (the model) and one local per template
    /// (`kafka-consumer` → `kafka_consumer`).
    public static func json(_ models: [FunctionModel]) -> String {
        var out = "{\"functions\": ["
        for (k, m) in models.enumerated() {
            out += k == 0 ? "\n" : ",\n"
            out += "{\"definition\": "
            JSONWriter.writeString(m.spec.definitionFile, into: &out)
            out += ", \"name\": "
            JSONWriter.writeString(m.spec.name, into: &out)
            out += ", \"namespace\": "
            JSONWriter.writeString(m.spec.namespace, into: &out)
            out += ", \"calls\": "
            JSONWriter.write(.array(m.templates.map { .string(call($0)) }), into: &out)
            out += ", \"model\": "
            out += m.json
            out += "}"
        }
        out += "\n]}\n"
        return out
    }

    static func call(_ c: FunctionModel.TemplateCall) -> String {
        "\(TemplateSet.local(c.template))(m\(c.argument.map { ", " + $0 } ?? ""))"
    }
}
