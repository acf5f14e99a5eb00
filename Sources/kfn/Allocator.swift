#if KFN_SYSTEM_ALLOCATOR
/// Built with `-Xswiftc -DKFN_SYSTEM_ALLOCATOR`: glibc's malloc, for measuring what mimalloc is
/// worth (`make bench-allocator`).
enum Allocator {
    static var description: String { "glibc malloc" }
}
#else
import CMimalloc

/// The memory allocator kfn runs on. The executable links mimalloc (Debian's libmimalloc), which
/// then provides `malloc` and `free` for the whole process, libjsonnet and the Swift runtime
/// included. libjsonnet allocates a heap object for nearly every value it evaluates; with mimalloc
/// a cold build needs about a sixth less CPU than with glibc's allocator (`make bench-allocator`,
/// BENCHMARKS.md, "Compiler").
enum Allocator {
    /// `mimalloc 2.0.9`: shown by `kfn --version`, so a report tells which allocator ran. It is
    /// also what makes the linker keep the library: a library nothing refers to is dropped.
    static var description: String {
        let v = Int(mi_version())
        return "mimalloc \(v / 100).\(v % 100 / 10).\(v % 10)"
    }
}
#endif
