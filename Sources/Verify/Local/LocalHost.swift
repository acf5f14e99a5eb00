#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What the emulated pod takes from this machine: a base environment, free ports, temp folders.
enum LocalHost {
    /// Variables a pod would not inherit from the developer's shell and that would change where
    /// dependencies are installed or which function runs: only the manifest may set them.
    static let podOnlyPrefixes = ["FUNC_", "KUBELESS_", "MOD_NAME", "KFN_RUNTIMES_DIR", "SHUTDOWN_TIMEOUT", "KFN_LOG_",
                                  "PYTHONPATH", "PYTHONHOME", "NODE_PATH", "GEM_HOME", "GEM_PATH", "BUNDLE_", "npm_config_"]

    /// The host environment (PATH, the toolchains' own settings such as PYENV_ROOT) without the
    /// variables only the pod spec may set.
    static func baseEnvironment(_ host: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        host.filter { key, _ in !podOnlyPrefixes.contains { key.hasPrefix($0) } }
    }

    /// A port nothing listens on right now (bound to 127.0.0.1:0 and released).
    static func freePort() throws(VerifyError) -> Int {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw .io("cannot open a socket to find a free port") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw .io("cannot bind 127.0.0.1:0 to find a free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// A fresh folder under the system temp folder, tracked for removal on Ctrl-C.
    static func temporaryFolder(prefix: String) throws(VerifyError) -> String {
        // /tmp itself rather than $TMPDIR: the path ends up inside single-quoted shell words, so it
        // must be free of quotes and spaces, which a user's TMPDIR need not be.
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw .io("cannot create a temporary folder in /tmp") }
        let path = String(cString: made)
        Interrupts.shared.track(folder: path)
        return path
    }

    static func remove(folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
        Interrupts.shared.untrack(folder: folder)
    }
}
