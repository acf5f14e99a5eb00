import Jsonnet

/// A Kubernetes object produced by a template for a function.
public struct RenderedObject: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String
    /// The function that owns it, `namespace/name`.
    public var owner: String
    /// The definition file it came from (for headers and diagnostics).
    public var definitionFile: String
    /// Where it is written, relative to the output folder: `<namespace>/<function>/<kind>-<name>.yaml`.
    public var path: String
    public var value: JSONValue

    /// The file name scheme: one folder per namespace and function, one file per object, named by
    /// lowercase kind and name. Kind and name are unique within a namespace, so paths never collide.
    public static func path(namespace: String, function: String, kind: String, name: String) -> String {
        "\(namespace)/\(function)/\(kind.lowercased())-\(name).yaml"
    }
}
