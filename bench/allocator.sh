#!/usr/bin/env bash
# What mimalloc is worth (not a test): cold `kfn build` with the shipped kfn (mimalloc) against the
# same sources built with glibc's malloc (-DKFN_SYSTEM_ALLOCATOR), on the synthetic repositories of
# bench/generate.py, in one invocation. Prints wall time (hyperfine), user+sys CPU and peak RSS
# (GNU time), and the ratio of each to the glibc build.
#
#   make bench-allocator                       # N = 1000, 3 runs
#   BENCH_SIZES=1000,10000 make bench-allocator
#
# Needs: hyperfine, GNU time, python3; both binaries built by the Makefile target.
set -euo pipefail

KFN=${KFN:?path to the mimalloc kfn}
KFN_GLIBC=${KFN_GLIBC:?path to the glibc kfn}
SIZES=${BENCH_SIZES:-1000}
RUNS=${BENCH_RUNS:-3}
WORK=${BENCH_WORK:-bench-work}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KFN=$(realpath "$KFN"); KFN_GLIBC=$(realpath "$KFN_GLIBC")

printf '%s\n' "| N | allocator | wall (mean ± sd) | user + sys | peak RSS | wall vs glibc | CPU vs glibc |" \
              "|---:|---|---:|---:|---:|---:|---:|"
for n in ${SIZES//,/ }; do
  dir="$WORK/n$n"
  python3 "$ROOT/bench/generate.py" "$n" "$dir" >/dev/null
  declare -A wall cpu rss sd
  for variant in glibc mimalloc; do
    bin=$KFN; [ "$variant" = glibc ] && bin=$KFN_GLIBC
    (cd "$dir" && hyperfine --style none --runs "$RUNS" --prepare 'rm -rf out .kfn-cache' \
       --export-json .alloc.json "$bin build --quiet" >/dev/null 2>&1)
    read -r wall[$variant] sd[$variant] < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["stddev"] or 0)' "$dir/.alloc.json")
    rm -f "$dir/.alloc.json"
    rm -rf "$dir/out" "$dir/.kfn-cache"
    read -r cpu[$variant] rss[$variant] < <(cd "$dir" && /usr/bin/time -f '%U %S %M' "$bin" build --quiet 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2, $3}')
  done
  for variant in glibc mimalloc; do
    python3 - "$n" "$variant" "${wall[$variant]}" "${sd[$variant]}" "${cpu[$variant]}" "${rss[$variant]}" "${wall[glibc]}" "${cpu[glibc]}" <<'PY'
import sys
n, v, w, sd, c, r, wg, cg = sys.argv[1:]
w, sd, c, r, wg, cg = float(w), float(sd), float(c), int(r), float(wg), float(cg)
print("| %s | %s | %.3f s ± %.3f | %.2f s | %d MiB | %.2f× | %.2f× |" % (n, v, w, sd, c, r / 1024, w / wg, c / cg))
PY
  done
done
