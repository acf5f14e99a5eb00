import Foundation

/// A value shared between the poll thread and Swift tasks. A condition (rather than a bare lock)
/// lets the poll thread wait, with a deadline, for workers to reach a state during a rebalance.
final class Locked<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&value)
    }

    /// Blocks the calling thread until `predicate` holds or `deadline` passes; returns whether it held.
    func wait(until deadline: Date, for predicate: (Value) -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !predicate(value) {
            if !condition.wait(until: deadline) { return predicate(value) }
        }
        return true
    }
}
