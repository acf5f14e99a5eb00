// The function server: see Sources/kfn-runtime and DESIGN.md.
enum RuntimePlaceholder {}
