// mimalloc (Debian's libmimalloc-dev). Linking it into the executable replaces malloc and free for
// the whole process, libjsonnet and the Swift runtime included; see Sources/kfn/Allocator.swift.
#include <mimalloc.h>
