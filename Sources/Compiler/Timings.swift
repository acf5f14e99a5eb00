import Dispatch
import Foundation

/// How long each stage of a build took, in wall-clock time and in CPU time of the whole process
/// (all threads), for `kfn build --timings`: where a large repository spends its build.
public struct Timings: Sendable {
    public struct Stage: Sendable {
        public var name: String
        public var wall: Double
        public var cpu: Double
    }

    public private(set) var stages: [Stage] = []
    private var lastWall: UInt64
    private var lastCPU: Double

    public init() {
        lastWall = DispatchTime.now().uptimeNanoseconds
        lastCPU = Self.processCPU()
    }

    /// Ends the current stage under `name`; the next one starts now.
    public mutating func mark(_ name: String) {
        let wall = DispatchTime.now().uptimeNanoseconds, cpu = Self.processCPU()
        stages.append(Stage(name: name, wall: Double(wall - lastWall) / 1e9, cpu: cpu - lastCPU))
        lastWall = wall
        lastCPU = cpu
    }

    /// The stages as a table: name, wall seconds, CPU seconds, and a total line.
    public var report: String {
        let width = max(20, (stages.map(\.name.count).max() ?? 0) + 2)
        func line(_ name: String, _ wall: Double, _ cpu: Double) -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0) + Self.seconds(wall) + "  " + Self.seconds(cpu)
        }
        var out = ["stage".padding(toLength: width, withPad: " ", startingAt: 0) + "     wall       cpu"]
        out += stages.map { line($0.name, $0.wall, $0.cpu) }
        out.append(line("total", stages.reduce(0) { $0 + $1.wall }, stages.reduce(0) { $0 + $1.cpu }))
        return out.joined(separator: "\n")
    }

    static func seconds(_ s: Double) -> String {
        let text = String(format: "%.3f s", s)
        return String(repeating: " ", count: max(0, 9 - text.count)) + text
    }

    static func processCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
