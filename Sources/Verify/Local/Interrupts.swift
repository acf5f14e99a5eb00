#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// Cleans up on Ctrl-C and SIGTERM: every running child (each in its own process group) is
/// stopped, every temporary folder removed, then kfn exits 128+signal. Normal runs clean up on
/// their own; this covers the interrupted ones, where no `defer` would run.
public final class Interrupts: @unchecked Sendable {
    public static let shared = Interrupts()

    private let lock = NSLock()
    private var children: [pid_t: ChildProcess] = [:]
    private var folders: Set<String> = []
    private var sources: [any DispatchSourceSignal] = []

    func track(_ child: ChildProcess) { locked { children[child.pid] = child } }
    func untrack(_ child: ChildProcess) { locked { _ = children.removeValue(forKey: child.pid) } }
    public func track(folder: String) { locked { _ = folders.insert(folder) } }
    public func untrack(folder: String) { locked { _ = folders.remove(folder) } }

    /// Installs the handlers (once; later calls do nothing).
    public func install() {
        locked {
            guard sources.isEmpty else { return }
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { [self] in
                    FileHandle.standardError.write(Data("\nkfn verify: interrupted, stopping the functions and cleaning up\n".utf8))
                    cleanUp()
                    Foundation.exit(128 + sig)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Stops every tracked child and removes every tracked folder.
    public func cleanUp() {
        let (running, dirs) = locked { (Array(children.values), folders) }
        for child in running { kill(-child.pid, SIGTERM) }
        for child in running { child.stop(grace: .seconds(3)) }
        for dir in dirs { try? FileManager.default.removeItem(atPath: dir) }
        locked { folders.removeAll() }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
