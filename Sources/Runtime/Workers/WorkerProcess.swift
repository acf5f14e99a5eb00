#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers

/// A language worker's OS process: spawned with its protocol pipes on fds 3 (requests in) and 4
/// (replies out), inheriting the server's stdout and stderr so what a function prints reaches the
/// pod log.
///
/// posix_spawn rather than Foundation's Process: the pipes must land on fixed descriptor numbers,
/// the worker gets its own process group (so a timeout can kill whatever the function spawned, and a
/// Ctrl-C in a terminal reaches only the server, which then drains), and the signal dispositions the
/// server changed (SIGPIPE and SIGTERM are ignored by NIO and ServiceLifecycle) are reset for it.
struct WorkerProcess: Sendable {
    let pid: pid_t
    /// Server ends of the pipes, owned by whoever builds the channel on them.
    let requestWriteFD: CInt
    let replyReadFD: CInt

    enum SpawnError: Error, CustomStringConvertible {
        case system(String, CInt)
        var description: String {
            switch self {
            case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    static func spawn(arguments: [String], environment: [String: String]) throws(SpawnError) -> WorkerProcess {
        spawnLock.lock()
        defer { spawnLock.unlock() }
        let requests = try pipePair()
        let replies: (read: CInt, write: CInt)
        do { replies = try pipePair() } catch {
            close(requests.read); close(requests.write)
            throw error
        }
        // The child's ends become fds 3 and 4; a source that already has one of those numbers
        // would be clobbered by the other dup2, so move such ends out of the way first.
        let childIn = moveAbove4(requests.read)
        let childOut = moveAbove4(replies.write)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childIn, 3)
        posix_spawn_file_actions_adddup2(&actions, childOut, 4)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        close(childIn)
        close(childOut)
        guard result == 0 else {
            close(requests.write); close(replies.read)
            throw .system("spawning \(arguments[0])", result)
        }
        return WorkerProcess(pid: pid, requestWriteFD: requests.write, replyReadFD: replies.read)
    }

    /// SIGKILL to the worker's whole process group: a timed-out function gets no chance to linger,
    /// and neither do the children it started.
    func kill() {
        _ = sysKill(-pid, SIGKILL)
        _ = sysKill(pid, SIGKILL)
    }

    /// Non-blocking reap; nil while the process still runs.
    func reap() -> ExitStatus? {
        var status: CInt = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return ExitStatus(rawWaitStatus: status) }
        if result < 0 && errno == ECHILD { return .unknown }
        return nil
    }

    /// pipe2(O_CLOEXEC) is not visible through Swift's Glibc module, so the flag is set right after
    /// pipe(); `spawnLock` keeps another worker's spawn from inheriting the pipe in between (a
    /// stray copy of a reply pipe would hide that worker's death from the server).
    private static func pipePair() throws(SpawnError) -> (read: CInt, write: CInt) {
        var fds: [CInt] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .system("pipe", errno) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return (fds[0], fds[1])
    }

    private static let spawnLock = NIOLock()

    private static func moveAbove4(_ fd: CInt) -> CInt {
        guard fd <= 4 else { return fd }
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, 5)
        guard moved >= 0 else { return fd }
        close(fd)
        return moved
    }
}

private func sysKill(_ pid: pid_t, _ signal: CInt) -> CInt {
    kill(pid, signal)
}

/// How a worker ended, for the log and the 502 body.
enum ExitStatus: Equatable, CustomStringConvertible {
    case exited(CInt)
    case signalled(CInt)
    case unknown

    init(rawWaitStatus status: CInt) {
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
        let signal = status & 0x7F
        self = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signalled(let signal): "signal \(signal)"
        case .unknown: "unknown status"
        }
    }
}
