#!/usr/bin/env bash
# End-to-end throughput of `kfn-runtime consume` (not a test): librdkafka's mock cluster →
# consumer (release build) → a trivial HTTP function, for N messages (default 10,000), against
# kcat reading the same topic to /dev/null as the ceiling. Prints the figures recorded in
# BENCHMARKS.md. Usage: bench/kafka.sh [messages] [partitions]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
PARTITIONS=${2:-3}
WORK=bench-work/kafka
mkdir -p "$WORK"

command -v kcat >/dev/null || { echo "kcat is missing (apt-get install kcat)" >&2; exit 1; }
# KFN_RUNTIME_BINARY measures another build (e.g. debug) instead of building the release one.
if [ -n "${KFN_RUNTIME_BINARY:-}" ]; then
    BIN=$KFN_RUNTIME_BINARY
else
    echo "building kfn-runtime (release)…" >&2
    swift build -c release --product kfn-runtime --scratch-path .build-release >&2
    BIN=.build-release/release/kfn-runtime
fi

# The helper is C on purpose: the mock cluster must outlive one process (librdkafka's mock lives
# inside a client handle), and the function must be cheaper than the consumer it measures.
cat > "$WORK/helper.c" <<'C'
#define _GNU_SOURCE
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

/* mock <topic> <partitions>: print the bootstrap servers, live until stdin closes. */
static int mock(const char *topic, int partitions) {
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err); /* no "no bootstrap.servers" notice */
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) { fprintf(stderr, "%s\n", err); return 1; }
    rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, 1);
    rd_kafka_mock_topic_create(mc, topic, partitions, 1);
    printf("%s\n", rd_kafka_mock_cluster_bootstraps(mc));
    fflush(stdout);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) {}
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(rk);
    return 0;
}

/* http <port> <expected>: answer every request 200 "ok" over keep-alive; after <expected>
   requests print the seconds between the first and the last one. */
static long expected, seen;
static double first;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void *serve(void *arg) {
    int fd = (int)(long)arg;
    char buf[1 << 16];
    size_t have = 0;
    for (;;) {
        char *end;
        while (!(end = memmem(buf, have, "\r\n\r\n", 4))) {
            ssize_t n = read(fd, buf + have, sizeof buf - have);
            if (n <= 0) { close(fd); return NULL; }
            have += n;
        }
        size_t head = end + 4 - buf, body = 0;
        *end = 0;
        char *cl = strcasestr(buf, "content-length:");
        if (cl) body = strtoul(cl + 15, NULL, 10);
        while (have < head + body) {
            ssize_t n = read(fd, buf + have, sizeof buf - have);
            if (n <= 0) { close(fd); return NULL; }
            have += n;
        }
        static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        if (write(fd, ok, sizeof ok - 1) < 0) { close(fd); return NULL; }
        memmove(buf, buf + head + body, have - head - body);
        have -= head + body;
        pthread_mutex_lock(&mu);
        if (seen++ == 0) first = now();
        if (seen == expected) { printf("%.3f\n", now() - first); fflush(stdout); }
        pthread_mutex_unlock(&mu);
    }
}

static int http(int port) {
    int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, 128)) { perror("bind"); return 1; }
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        pthread_t t;
        pthread_create(&t, NULL, serve, (void *)(long)c);
        pthread_detach(t);
    }
}

int main(int argc, char **argv) {
    if (argc == 4 && !strcmp(argv[1], "mock")) return mock(argv[2], atoi(argv[3]));
    if (argc == 4 && !strcmp(argv[1], "http")) { expected = atol(argv[3]); return http(atoi(argv[2])); }
    fprintf(stderr, "usage: helper mock <topic> <partitions> | helper http <port> <expected>\n");
    return 64;
}
C
cc -O2 -Wall -o "$WORK/helper" "$WORK/helper.c" -lrdkafka -lpthread

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The mock cluster lives while its stdin (a fifo we hold open) stays open.
rm -f "$WORK/mock.in" && mkfifo "$WORK/mock.in"
"$WORK/helper" mock bench "$PARTITIONS" < "$WORK/mock.in" > "$WORK/mock.out" & PIDS+=($!)
exec 9> "$WORK/mock.in"
for _ in $(seq 100); do [ -s "$WORK/mock.out" ] && break; sleep 0.05; done
BROKERS=$(head -1 "$WORK/mock.out")

echo "producing $N messages over $PARTITIONS partitions…" >&2
seq 1 "$N" | sed 's/.*/{"n": &, "pad": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}/' \
    | kcat -P -b "$BROKERS" -t bench -X linger.ms=5 2>/dev/null

# Ceiling: kcat reading the whole topic to /dev/null (no group, no HTTP).
start=$(date +%s.%N)
kcat -C -b "$BROKERS" -t bench -o beginning -e -q > /dev/null 2>&1
kcat_s=$(echo "$(date +%s.%N) - $start" | bc -l)

FUNCTION_PORT=$((20000 + RANDOM % 20000))
"$WORK/helper" http "$FUNCTION_PORT" "$N" > "$WORK/http.out" & PIDS+=($!)
HEALTH_PORT=$((FUNCTION_PORT + 1))
start=$(date +%s.%N)
KFN_KAFKA_BROKERS="$BROKERS" KFN_KAFKA_TOPIC=bench KFN_KAFKA_GROUP=bench \
KFN_FUNCTION_URL="http://127.0.0.1:$FUNCTION_PORT" KFN_HOST=127.0.0.1 KFN_PORT="$HEALTH_PORT" \
KFN_RDKAFKA_LOG_LEVEL=3 "$BIN" consume 2> "$WORK/consumer.log" & CONSUMER=$!; PIDS+=($CONSUMER)
for _ in $(seq 1200); do [ -s "$WORK/http.out" ] && break; sleep 0.05; done
total_s=$(echo "$(date +%s.%N) - $start" | bc -l)
[ -s "$WORK/http.out" ] || { echo "consumer did not deliver $N messages in 60 s; see $WORK/consumer.log" >&2; exit 1; }
steady_s=$(head -1 "$WORK/http.out")
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$CONSUMER/status")
kill -TERM "$CONSUMER"; wait "$CONSUMER" || true

printf 'messages            %d over %d partitions\n' "$N" "$PARTITIONS"
printf 'kcat to /dev/null   %.3f s  %8.0f msg/s (ceiling)\n' "$kcat_s" "$(echo "$N / $kcat_s" | bc -l)"
printf 'kfn-runtime consume %.3f s  %8.0f msg/s first→last delivery (ratio to kcat %.2f)\n' \
    "$steady_s" "$(echo "$N / $steady_s" | bc -l)" "$(echo "$kcat_s / $steady_s" | bc -l)"
printf '                    %.3f s  %8.0f msg/s from process start (includes the group join)\n' \
    "$total_s" "$(echo "$N / $total_s" | bc -l)"
printf 'consumer peak RSS   %d MiB\n' "$((rss_kb / 1024))"
