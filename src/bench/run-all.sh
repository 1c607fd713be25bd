#!/usr/bin/env bash
# Portal Console benchmark suite (issue 7). One command, everything on loopback, bounded (< 10 min on 2 cores):
#     src/bench/run-all.sh
# Installs what it needs from Debian (nginx-light, wrk, xvfb, ...) when missing, builds with -Pbench, runs
#   1. forwarding (direct / nginx pair / Netty reference pair / two Portals), 2. start-up, 3. screens at scale, 4. idle footprint,
# then prints one summary line per figure and, last, one line of JSON (also in target/bench-results/summary.json).
# Knobs (environment): BENCH_DURATION (s per wrk run, 10), BENCH_WARMUP (3), BENCH_STREAM_BYTES (1 GiB),
# BENCH_STARTUP_RUNS (5), BENCH_PEERS (10000), BENCH_APPS (50), BENCH_IDLE_SECONDS (60), BENCH_SKIP_BUILD=1,
# BENCH_KEEP=1 (keep the work folder with logs), BENCH_SERVE_JAVA_OPTS (extra JVM options for the two serve JVMs; {side} becomes a or b).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
S=$ROOT/src/bench/scripts
R=${BENCH_RESULTS:-$ROOT/target/bench-results}
W=$(mktemp -d "${TMPDIR:-/tmp}/portal-bench.XXXXXX")
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "bench: work folder $W is kept" >&2
else
    trap 'rm -rf "$W"' EXIT
fi
started=$(date +%s)

need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
command -v curl >/dev/null || need+=(curl)
command -v openssl >/dev/null || need+=(openssl)
command -v pgrep >/dev/null || need+=(procps)
ldconfig -p 2>/dev/null | grep -q libgtk-3.so.0 || need+=(libgtk-3-0)
if ((${#need[@]})); then
    echo "bench: installing ${need[*]}" >&2
    if [[ $(id -u) != 0 ]]; then
        echo "bench: missing ${need[*]}; install them (apt-get install ${need[*]}) or run as root" >&2
        exit 1
    fi
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
    echo "bench: building (-Pbench)" >&2
    (cd "$ROOT" && ./mvnw -B -q -Pbench -DskipTests package)
fi

rm -rf "$R"
mkdir -p "$R"
load() { cut -d' ' -f1-3 /proc/loadavg; }
{
    printf '{"nproc":%s,' "$(nproc)"
    printf '"cpu":"%s",' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//; s/"/ /g')"
    printf '"memTotalKiB":%s,' "$(awk '/MemTotal/{print $2}' /proc/meminfo)"
    printf '"kernel":"%s",' "$(uname -r)"
    printf '"java":"%s",' "$(java -version 2>&1 | sed -n 2p | sed 's/"/ /g')"
    printf '"nginx":"%s",' "$(nginx -v 2>&1 | sed 's/.*: //')"
    printf '"wrk":"%s",' "$(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
    printf '"curl":"%s",' "$(curl --version | head -1 | cut -d' ' -f2)"
    printf '"loadBefore":"%s"}\n' "$(load)"
} >"$W/machine.json"

echo "bench: forwarding (load $(load))" >&2
timeout 460 "$S/forwarding.sh" "$W/forwarding" "$R/forwarding.jsonl" ||
    echo "{\"kind\":\"note\",\"text\":\"forwarding: stopped early (exit $?), see the logs with BENCH_KEEP=1\"}" >>"$R/forwarding.jsonl"

# The forwarding section's processes have just been stopped; give the machine a moment before timing frames.
sleep 10
echo "bench: window benchmarks under Xvfb (load $(load))" >&2
timeout 240 xvfb-run -a -s "-screen 0 1280x800x24" "$S/gui.sh" "$W/gui" "$R" ||
    echo "{\"kind\":\"note\",\"text\":\"gui: stopped early (exit $?)\"}" >>"$R/startup-notes.jsonl"

sed "s/}\$/,\"loadAfter\":\"$(load)\",\"suiteSeconds\":$(($(date +%s) - started))}/" "$W/machine.json" >"$R/machine.json"
java -cp "$ROOT/target/bench-classes:$ROOT/target/portal-console.jar" io.portal.console.bench.Report "$R"
