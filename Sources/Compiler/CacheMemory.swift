import Foundation

/// One kind of cache entry during a build: what was loaded (read without a lock by the parallel
/// workers), and what this build used or learnt (recorded under a lock). Only the latter is
/// saved, so entries nobody needs any more drop out.
final class CacheMemory<Key: Hashable & Sendable, Value: Equatable & Sendable>: @unchecked Sendable {
    let known: [Key: Value]
    private let lock = NSLock()
    private var learnt: [Key: Value] = [:]

    init(known: [Key: Value] = [:]) {
        self.known = known
    }

    /// A loaded entry, recorded as used.
    func recall(_ key: Key) -> Value? {
        guard let v = known[key] else { return nil }
        record(key, v)
        return v
    }

    func record(_ key: Key, _ value: Value) {
        lock.lock()
        learnt[key] = value
        lock.unlock()
    }

    /// The entries this build used or added: what the next build may need.
    var entries: [Key: Value] {
        lock.lock()
        defer { lock.unlock() }
        return learnt
    }

    /// Whether this build used exactly the loaded entries and learnt nothing new.
    var learntNothing: Bool {
        lock.lock()
        defer { lock.unlock() }
        return learnt == known
    }
}

/// Digests over many files, remembered by a signature of their contents (`DigestRecipe`). Every
/// entry is a fact about contents alone, so it can never be stale, only unused.
typealias DigestMemo = CacheMemory<ContentHash, ContentHash>
