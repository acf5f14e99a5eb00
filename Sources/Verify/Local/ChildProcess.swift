#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process in its own session (and process group), its stdout and stderr appended to a
/// log file.
///
/// The own session is the point: `sh -c 'pip install …'` starts grandchildren, and kfn-runtime
/// puts each worker in a process group of its own, but all stay in the session, so stopping the
/// session stops every one of them, even a worker its server left behind. A Ctrl-C in the
/// terminal reaches only kfn, which then stops its children itself (`Interrupts`). Foundation's
/// `Process` can do none of this, hence posix_spawn.
public final class ChildProcess: @unchecked Sendable {
    public enum Exit: Sendable, Equatable, CustomStringConvertible {
        case status(Int32)
        case signal(Int32)
        public var description: String {
            switch self {
            case .status(let s): "exit status \(s)"
            case .signal(let s): "signal \(s)"
            }
        }
    }

    public let pid: pid_t
    private let lock = NSLock()
    private var exit: Exit?

    /// Starts `executable` (an absolute path) with exactly `environment`, in `directory`.
    public init(executable: String, arguments: [String], environment: [String: String], directory: String, log: String) throws(VerifyError) {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // kfn ignores SIGINT/SIGTERM while `Interrupts` handles them; children must not inherit that.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        // POSIX_SPAWN_SETSID (glibc's 0x80) is hidden from Swift with the rest of __USE_GNU.
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        Self.closeInheritedDescriptorsOnExec()

        // glibc hides posix_spawn_file_actions_addchdir_np from Swift: a tiny sh changes into the
        // folder and then execs the program, so the pid (and its group) stay the program's.
        let trampoline = ["/bin/sh", "-c", "cd -- \"$1\" && shift && exec \"$@\"", "sh", directory, executable]
        let argv = (trampoline + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, envp)
        guard rc == 0 else { throw .io("cannot start \(executable): \(String(cString: strerror(rc)))") }
        pid = child
        Interrupts.shared.track(self)
    }

    /// The exit, once the child has ended (reaps it; never blocks).
    public var exited: Exit? {
        lock.lock()
        defer { lock.unlock() }
        if exit != nil { return exit }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exit = (status & 0x7f) == 0 ? .status((status >> 8) & 0xff) : .signal(status & 0x7f)
            Interrupts.shared.untrack(self)
        }
        return exit
    }

    /// Waits until the child ends or `timeout` passes (nil: still running).
    public func wait(timeout: Duration) async -> Exit? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let e = exited { return e }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return exited
    }

    /// SIGTERM to the group (kfn-runtime drains and stops its workers), SIGKILL after `grace`, then
    /// SIGKILL to whatever is left in the session. Synchronous, so the interrupt handler can use it.
    public func stop(grace: Duration = .seconds(5)) {
        if exited == nil {
            kill(-pid, SIGTERM)
            let deadline = ContinuousClock.now + grace
            while exited == nil, ContinuousClock.now < deadline { usleep(20_000) }
            if exited == nil {
                kill(-pid, SIGKILL)
                while exited == nil { usleep(5_000) }
            }
        }
        Self.killSession(pid)
    }

    /// SIGKILL to every process of session `sid` (Linux: from /proc; elsewhere the group kill
    /// above has to do).
    static func killSession(_ sid: pid_t) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let p = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (comm)": state, ppid, pgrp, session, …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 3, pid_t(fields[3]) == sid { kill(p, SIGKILL) }
        }
    }

    /// kfn's own descriptors (the terminal's pipes, HTTP sockets) must not leak into children:
    /// a worker holding a caller's pipe keeps that caller waiting long after kfn is gone.
    private static func closeInheritedDescriptorsOnExec() {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            guard let fd = Int32(entry), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    /// An executable on PATH (the way `sh` finds it), or nil.
    public static func which(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
