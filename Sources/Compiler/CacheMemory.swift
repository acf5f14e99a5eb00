import Foundation

/// One kind of cache entry during a build: what was loaded, and which of those entries this build
/// used or replaced. Only used and new entries are saved, so entries nobody needs any more drop
/// out. The loaded entries are read without a lock by the parallel workers; marking one used is a
/// flag set under a lock held for nothing else, so workers hashing tens of thousands of files do
/// not queue behind each other's dictionary inserts.
final class CacheMemory<Key: Hashable & Sendable, Value: Equatable & Sendable>: @unchecked Sendable {
    private let slots: [Key: Int]
    private let keys: [Key]
    private let values: [Value]
    private let lock = NSLock()
    private var used: [Bool]
    private var added: [Key: Value] = [:]

    init(keys: [Key] = [], values: [Value] = []) {
        precondition(keys.count == values.count)
        var slots: [Key: Int] = [:]
        slots.reserveCapacity(keys.count)
        for (k, key) in keys.enumerated() { slots[key] = k }
        self.slots = slots
        self.keys = keys
        self.values = values
        used = Array(repeating: false, count: keys.count)
    }

    /// A loaded entry, not yet marked used.
    func peek(_ key: Key) -> (slot: Int, value: Value)? {
        guard let s = slots[key] else { return nil }
        return (s, values[s])
    }

    func markUsed(_ slot: Int) {
        lock.lock()
        used[slot] = true
        lock.unlock()
    }

    /// A loaded entry, marked used.
    func recall(_ key: Key) -> Value? {
        guard let (slot, value) = peek(key) else { return nil }
        markUsed(slot)
        return value
    }

    func record(_ key: Key, _ value: Value) {
        let slot = slots[key]
        lock.lock()
        defer { lock.unlock() }
        if let slot, values[slot] == value {
            used[slot] = true
        } else {
            added[key] = value
            if let slot { used[slot] = false }
        }
    }

    /// The entries this build used or added: what the next build may need.
    var entries: [(Key, Value)] {
        lock.lock()
        defer { lock.unlock() }
        var out = added.map { ($0.key, $0.value) }
        for s in used.indices where used[s] && added[keys[s]] == nil { out.append((keys[s], values[s])) }
        return out
    }

    /// Whether this build used exactly the loaded entries and learnt nothing new.
    var learntNothing: Bool {
        lock.lock()
        defer { lock.unlock() }
        return added.isEmpty && !used.contains(false)
    }
}

/// Digests over many files, remembered by a signature of their contents (`DigestRecipe`). Every
/// entry is a fact about contents alone, so it can never be stale, only unused.
typealias DigestMemo = CacheMemory<ContentHash, ContentHash>
