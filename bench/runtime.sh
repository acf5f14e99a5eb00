#!/usr/bin/env bash
# Benchmark of kfn-runtime (not a test): wrk against a Python hello and a Node.js hello served by
# kfn-runtime, and against nginx returning a fixed 200 as the ceiling, with the same connections and
# duration, everything on 127.0.0.1. Prints requests/s, p50, p99, the ratio to nginx, the idle RSS
# of the server process (and of its workers) and the time from start to a healthy /healthz.
#
#   bench/runtime.sh                 # 16 connections, 10 s per target
#   CONNECTIONS=32 DURATION=20s bench/runtime.sh
#
# Needs: swift, wrk, nginx (nginx-light), python3, node, curl.
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/kfn-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk nginx python3 node curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 1; }
done

echo "building kfn-runtime (release)…" >&2
swift build -c release --product kfn-runtime --scratch-path "$ROOT/.build-release" --package-path "$ROOT" >&2
BIN="$ROOT/.build-release/release/kfn-runtime"

mkdir -p "$WORK/python" "$WORK/nodejs" "$WORK/nginx"
cat > "$WORK/python/hello.py" <<'PY'
def hello(event, context):
    return "hello world"
PY
cat > "$WORK/nodejs/hello.js" <<'JS'
module.exports = { hello: () => 'hello world' };
JS
cat > "$WORK/nginx/nginx.conf" <<'NGINX'
worker_processes auto;
error_log stderr error;
pid nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
  server {
    listen 127.0.0.1:18090;
    location / { default_type text/plain; return 200 "hello world"; }
  }
}
NGINX
mkdir -p "$WORK/nginx/tmp"

now_ms() { date +%s%3N; }
wait_healthy() { # url, then prints milliseconds waited
  local start=$1 url=$2
  for _ in $(seq 1 1000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ]; then echo $(( $(now_ms) - start )); return; fi
    sleep 0.005
  done
  echo "bench: $url never became healthy" >&2; exit 1
}
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
children_rss_kb() { local total=0; for c in $(pgrep -P "$1"); do total=$(( total + $(rss_kb "$c") )); done; echo $total; }

run_wrk() { # url → "rps p50 p99"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$1" >/dev/null  # warm-up
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2}
    /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$NF}
    END {print rps, p50, p99, (bad == "" ? 0 : bad)}'
}

declare -A RESULT STARTUP RSS WRSS
start_runtime() { # language runtime port
  local lang=$1 runtime=$2 port=$3 start
  start=$(now_ms)
  MOD_NAME=hello FUNC_HANDLER=hello FUNC_RUNTIME=$runtime FUNC_HOST=127.0.0.1 FUNC_PORT=$port \
    KUBELESS_INSTALL_VOLUME="$WORK/$lang" KFN_RUNTIMES_DIR="$ROOT/runtimes" PYTHONDONTWRITEBYTECODE=1 \
    "$BIN" serve > /dev/null 2> "$WORK/$lang.log" &
  PIDS+=($!)
  local pid=$!
  STARTUP[$lang]=$(wait_healthy "$start" "http://127.0.0.1:$port/healthz")
  sleep 1
  RSS[$lang]=$(rss_kb "$pid")
  WRSS[$lang]=$(children_rss_kb "$pid")
  RESULT[$lang]=$(run_wrk "http://127.0.0.1:$port/")
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_healthy "$(now_ms)" "http://127.0.0.1:18090/" >/dev/null
RESULT[nginx]=$(run_wrk "http://127.0.0.1:18090/")
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

start_runtime python python3.12 18091
start_runtime nodejs nodejs22 18092

read -r ngx_rps _ <<<"${RESULT[nginx]}"
echo
echo "wrk: $CONNECTIONS connections, $THREADS threads, $DURATION, $(nproc) cores, all on 127.0.0.1"
printf '%-22s %12s %9s %9s %8s %9s\n' target "requests/s" p50 p99 "vs nginx" "non-2xx"
for target in nginx python nodejs; do
  read -r rps p50 p99 bad <<<"${RESULT[$target]}"
  ratio=$(awk -v a="$rps" -v b="$ngx_rps" 'BEGIN {printf "%.1f%%", 100 * a / b}')
  name=$target; [ "$target" != nginx ] && name="kfn-runtime $target"
  printf '%-22s %12s %9s %9s %8s %9s\n' "$name" "$rps" "$p50" "$p99" "$ratio" "$bad"
done
echo
for lang in python nodejs; do
  echo "kfn-runtime $lang: start to healthy /healthz ${STARTUP[$lang]} ms; idle RSS server $(( RSS[$lang] / 1024 )) MiB, workers $(( WRSS[$lang] / 1024 )) MiB in total"
done
