#!/usr/bin/env python3
"""Writes a synthetic kfn project with N functions, for `make bench`.

Deterministic: the same N and seed give the same bytes (a private random.Random, sorted output,
no timestamps), so figures from two machines compare the same inputs. The mix mirrors a real
repository: every shipped runtime, about a quarter with a deps file, some with schedules, HTTP
(every gateway) and Kafka triggers, autoscaling, secrets and a shared library import.

usage: generate.py N DIR [--seed S] [--repo ROOT]
DIR receives functions/, and copies of ROOT's runtimes/ and templates/ so kfn runs inside DIR.
"""
import argparse
import os
import random
import shutil

RUNTIMES = [  # (runtime, suffix, deps file, deps content)
    ("python3.12", ".py", "requirements.txt", "requests==2.32.3\n"),
    ("python3.11", ".py", "requirements.txt", "pyyaml==6.0.2\n"),
    ("nodejs22", ".js", "package.json", '{\n  "dependencies": { "left-pad": "1.3.0" }\n}\n'),
    ("nodejs20", ".js", "package.json", '{\n  "dependencies": { "lodash": "4.17.21" }\n}\n'),
    ("ruby3.3", ".rb", "Gemfile", "source 'https://rubygems.org'\ngem 'json'\n"),
    ("ruby3.2", ".rb", "Gemfile", "source 'https://rubygems.org'\ngem 'rack'\n"),
]

SOURCES = {
    ".py": "def handler(event, context):\n    # function {i}\n    return {{'id': {i}, 'data': event['data']}}\n",
    ".js": "module.exports = {{\n  handler: (event, context) => ({{ id: {i}, data: event.data }}),\n}};\n",
    ".rb": "def handler(event, context)\n  # function {i}\n  {{ id: {i}, data: event[:data] }}\nend\n",
}

LIB = """// Shared by the generated functions: a change here touches every function that imports it.
{
  labels(team):: { team: team, 'cost-center': 'cc-' + std.length(team) },
  resources(size):: {
    small: { memory: '128Mi', cpu: '100m' },
    large: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  }[size],
}
"""

TEAMS = ["checkout", "search", "media", "billing", "growth", "platform", "data", "mobile"]
GATEWAYS = ["nginx", "traefik", "kong"]


def definition(i, rng):
    runtime, suffix, deps_name, deps = RUNTIMES[i % len(RUNTIMES)]
    name = "fn-%05d" % i
    team = rng.choice(TEAMS)
    lines = ["local lib = import 'lib/common.libsonnet';", "local env = std.extVar('env');", "", "{"]
    lines.append("  runtime: '%s'," % runtime)
    lines.append("  handler: 'main.handler',")
    if rng.random() < 0.3:
        lines.append("  namespace: '%s'," % team)
    lines.append("  labels: lib.labels('%s')," % team)
    lines.append("  resources: lib.resources('%s')," % rng.choice(["small", "large"]))
    lines.append("  timeout: %d," % rng.choice([30, 60, 180]))
    lines.append("  env: { LOG_LEVEL: if env == 'prod' then 'info' else 'debug', FN_INDEX: '%d' }," % i)
    if rng.random() < 0.2:
        lines.append("  secretEnv: { API_TOKEN: { secret: '%s-token', key: 'token' } }," % name)
    if rng.random() < 0.15:
        lines.append("  autoscale: { min: 1, max: %d, cpuPercent: 70 }," % rng.choice([5, 10, 20]))
    if rng.random() < 0.3:
        gw = rng.choice(GATEWAYS)
        lines.append("  http: { host: '%s.example.com', path: '/%s', gateway: '%s', tlsSecret: '%s-tls' },"
                     % (team, name, gw, team))
    if rng.random() < 0.2:
        lines.append("  schedule: { cron: '%d %d * * *', payload: { job: '%s' } }," % (rng.randrange(60), rng.randrange(24), name))
    if rng.random() < 0.1:
        lines.append("  kafka: [{ topic: '%s-events', brokers: ['kafka-0.kafka.svc:9092'], maxRetries: 3 }]," % team)
    lines.append("}")
    files = {"function.jsonnet": "\n".join(lines) + "\n", "main" + suffix: SOURCES[suffix].format(i=i)}
    if rng.random() < 0.25:
        files[deps_name] = deps
    return name, files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("dir")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = ap.parse_args()

    rng = random.Random(args.seed)
    if os.path.exists(args.dir):
        shutil.rmtree(args.dir)
    os.makedirs(os.path.join(args.dir, "functions", "lib"))
    for d in ("runtimes", "templates"):
        shutil.copytree(os.path.join(args.repo, d), os.path.join(args.dir, d))
    with open(os.path.join(args.dir, "functions", "lib", "common.libsonnet"), "w") as f:
        f.write(LIB)
    for i in range(args.n):
        name, files = definition(i, rng)
        folder = os.path.join(args.dir, "functions", name)
        os.mkdir(folder)
        for fname in sorted(files):
            with open(os.path.join(folder, fname), "w") as f:
                f.write(files[fname])


if __name__ == "__main__":
    main()
