#!/usr/bin/env python3
"""`make bench-compiler`: kfn build against a go-jsonnet baseline and the I/O floor, in one run.

For each N it generates a project (bench/generate.py), then times with hyperfine:
  1. cold      `kfn build` into an empty out/, without a build cache (.kfn-cache/)
  2. unchanged `kfn build` again, nothing changed (with the cache the previous build left, and
               with --no-cache, which is what CI sees on a fresh clone)
  3. one       `kfn build` after one function's source changed
  4. go-jsonnet the Tanka-style baseline over the same resolved models (bench/baseline.py)
  5. cp -r     copying the resulting out/ (the I/O floor)
and prints each as time, peak RSS (one extra run under /usr/bin/time) and ratios to (4) and (5).
Timings are only ever compared with baselines measured in the same invocation.

usage: compiler.py --kfn PATH --python PATH [--sizes 1000,10000] [--runs 3] [--work DIR] [--markdown FILE]
"""
import argparse
import json
import os
import platform
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def sh(cmd, cwd, **kw):
    return subprocess.run(cmd, cwd=cwd, shell=True, check=True, **kw)


def hyperfine(cmd, cwd, runs, prepare=None, warmup=0):
    export = os.path.join(cwd, ".hyperfine.json")
    args = ["hyperfine", "--style", "none", "--runs", str(runs), "--warmup", str(warmup), "--export-json", export]
    if prepare:
        args += ["--prepare", prepare]
    subprocess.run(args + [cmd], cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    with open(export) as f:
        r = json.load(f)["results"][0]
    os.remove(export)
    return r["mean"], r["stddev"] or 0.0


def peak_rss(cmd, cwd, prepare=None):
    """Peak resident memory in MiB of one run, from GNU time's %M (KiB)."""
    if prepare:
        sh(prepare, cwd)
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", cmd], cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(p.stderr.strip().splitlines()[-1]) / 1024


def count_files(d):
    return sum(len([f for f in fs if f.endswith(".yaml")]) for _, _, fs in os.walk(d))


def bench(n, args):
    work = os.path.abspath(os.path.join(args.work, "n%d" % n))
    sh("%s %s %d %s" % (shlex.quote(args.python), shlex.quote(os.path.join(HERE, "generate.py")), n, shlex.quote(work)), ".")
    kfn = shlex.quote(os.path.abspath(args.kfn))
    build = kfn + " build --quiet"
    # One function's source changes before every timed run (a growing comment), so each run
    # really has one changed function.
    touch = "echo '# changed' >> functions/fn-00000/main.py"
    base = "%s %s models.json templates base-out" % (shlex.quote(args.python), shlex.quote(os.path.join(HERE, "baseline.py")))
    rows = []
    print("N = %d (%s)" % (n, work), file=sys.stderr)
    rows.append(("kfn build, cold", *hyperfine(build, work, args.runs, prepare="rm -rf out .kfn-cache"),
                 peak_rss(build, work, prepare="rm -rf out .kfn-cache")))
    rows.append(("kfn build, nothing changed", *hyperfine(build, work, args.runs, warmup=1), peak_rss(build, work)))
    # What CI sees on a fresh clone: the committed out/ and index, but no .kfn-cache/.
    fresh = build + " --no-cache"
    rows.append(("kfn build, nothing changed, no cache (fresh clone)", *hyperfine(fresh, work, args.runs, warmup=1),
                 peak_rss(fresh, work)))
    sh(kfn + " build --quiet --dump-models models.json", work, stderr=subprocess.DEVNULL)
    go = (*hyperfine(base, work, args.runs, prepare="rm -rf base-out"), peak_rss(base, work, prepare="rm -rf base-out"))
    cp = (*hyperfine("cp -r out out-copy", work, args.runs, prepare="rm -rf out-copy"), None)
    rows.append(("kfn build, one function changed", *hyperfine(build, work, args.runs, prepare=touch), peak_rss(build, work, prepare=touch)))
    rows.append(("go-jsonnet baseline (Tanka-style)", *go))
    rows.append(("I/O floor: cp -r out", *cp))
    files = (count_files(os.path.join(work, "out")), count_files(os.path.join(work, "base-out")))
    return rows, go[0], cp[0], files


def table(n, rows, go, cp, files):
    lines = ["N = %d functions (%d YAML files from kfn, %d from the baseline)" % (n, files[0], files[1]), "",
             "| step | time (mean ± sd) | peak RSS | vs go-jsonnet | vs cp -r |", "|---|---:|---:|---:|---:|"]
    for name, mean, sd, rss in rows:
        lines.append("| %s | %.3f s ± %.3f | %s | %.2f× | %.1f× |" % (
            name, mean, sd, "%.0f MiB" % rss if rss is not None else "–", mean / go, mean / cp))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kfn", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default="bench-work")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    # Commands run inside the generated project: absolute paths (not symlink-resolved, so the
    # virtual environment's python stays itself).
    args.kfn, args.python = os.path.abspath(args.kfn), os.path.abspath(args.python)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    out = ["Machine: %s, %d cores, %s; %s" % (cpu, os.cpu_count(), platform.platform(), subprocess.run(
        [args.kfn, "--version"], capture_output=True, text=True).stdout.strip() or "kfn"),
        "hyperfine, %d runs per step (mean ± standard deviation); peak RSS from one extra run under /usr/bin/time." % args.runs, ""]
    for n in [int(s) for s in args.sizes.split(",")]:
        out += [table(n, *bench(n, args)), ""]
    text = "\n".join(out)
    print(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
