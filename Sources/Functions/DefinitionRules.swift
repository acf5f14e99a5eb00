/// Rules a definition must follow that other stages need too: `kfn import` writes definitions and
/// must produce ones the decoder accepts, so it asks the same rules instead of repeating them.
public enum DefinitionRules {
    /// Names that look like credentials: their values belong in a Secret, never in git.
    public static func looksLikeCredential(_ name: String) -> Bool {
        let n = name.uppercased()
        return n.contains("PASSWORD") || n.contains("PASSWD") || n.contains("TOKEN") || n.contains("SECRET")
            || n.hasSuffix("_KEY") || n == "KEY" || n.contains("API_KEY") || n.contains("PRIVATE_KEY") || n.contains("CREDENTIAL")
    }

    /// Env kfn sets from the definition's fields.
    public static let reservedEnv: Set<String> = ["FUNC_HANDLER", "MOD_NAME", "FUNC_TIMEOUT", "FUNC_RUNTIME", "FUNC_MEMORY_LIMIT",
                                                  "FUNC_PORT", "KUBELESS_INSTALL_VOLUME"]

    /// Label keys kfn sets and selects pods with.
    public static let reservedLabels: Set<String> = ["function", "app.kubernetes.io/name", "app.kubernetes.io/component",
                                                     "app.kubernetes.io/managed-by", "app.kubernetes.io/instance"]

    public static func isTopicName(_ t: String) -> Bool {
        !t.isEmpty && t.count <= 249 && t != "." && t != ".." && t.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") }
    }
}
