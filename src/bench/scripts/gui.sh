#!/usr/bin/env bash
# The window benchmarks, run under a display (run-all.sh starts it with xvfb-run): start-up against a JavaFX
# hello-world, the Peers and Apps screens at scale, and the idle footprint of the GUI and of `serve`.
# Usage: gui.sh WORK-DIR RESULTS-DIR
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
W=$1
R=$2
JAR=$ROOT/target/portal-console.jar
BENCH_CP="$ROOT/target/bench-classes:$ROOT/target/lib/*"
RUNS=${BENCH_STARTUP_RUNS:-5}
PEERS=${BENCH_PEERS:-10000}
APPS=${BENCH_APPS:-50}
IDLE=${BENCH_IDLE_SECONDS:-60}
mkdir -p "$W/startup" "$W/scale" "$W/footprint"

note() {
    echo "$1: $2" >&2
    echo "{\"kind\":\"note\",\"text\":\"$1: ${2//\"/\'}\"}" >>"$R/$1-notes.jsonl"
}

# The console window starts the peer service on the default ports; when something else holds them, the window
# still opens (the home screen says the service did not start), a little faster than it would otherwise.
for port in 7460 7461; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        note startup "port $port was in use by another program, so the console windows measured here ran without their peer service"
    fi
done

echo "gui: start-up, $RUNS runs each" >&2
timeout 100 java -cp "$BENCH_CP" io.portal.console.bench.StartupBench "$R/startup.json" "$W/startup" "$RUNS" \
    "$JAR" "$BENCH_CP" >"$W/startup.log" 2>&1 || note startup "the start-up benchmark failed (exit $?): $(tail -c 300 "$W/startup.log" | tr -d '\n')"

echo "gui: screens with $PEERS peers and $APPS apps" >&2
timeout 120 java -Dprism.order=sw -cp "$ROOT/target/bench-classes:$JAR" io.portal.console.bench.ScreenScaleBench \
    "$R/scale.json" "$W/scale" "$PEERS" "$APPS" >"$W/scale.log" 2>&1 || note scale "the screen benchmark failed (exit $?): $(tail -c 300 "$W/scale.log" | tr -d '\n')"

echo "gui: footprint after $IDLE s idle" >&2
d=$W/footprint
PORTAL_CONSOLE_READY_FILE=$d/gui.ready java -Dprism.order=sw -jar "$JAR" --data-dir "$d/gui-data" >"$d/gui.log" 2>&1 &
gui_pid=$!
serve_pid=""
if java -jar "$JAR" --help 2>/dev/null | grep -qE '^ +serve '; then
    java -jar "$JAR" serve --data-dir "$d/serve-data" --api-port 0 --peer-port 0 --bind 127.0.0.1 >"$d/serve.log" 2>&1 &
    serve_pid=$!
else
    note footprint "this build has no serve command; its footprint is not measured"
fi
for _ in $(seq 600); do [[ -s $d/gui.ready ]] && break; sleep 0.1; done
[[ -s $d/gui.ready ]] || note footprint "the GUI did not show its home screen within 60 s"
sleep "$IDLE"
rss() { [[ -n $1 ]] && awk '/^VmRSS/{print $2}' "/proc/$1/status" 2>/dev/null; }
gui_rss=$(rss "$gui_pid")
serve_rss=$(rss "$serve_pid")
[[ -n $serve_pid && -z $serve_rss ]] && note footprint "serve was not running after $IDLE s: $(tail -c 300 "$d/serve.log" | tr -d '\n')"
echo "{\"idleSeconds\":$IDLE,\"guiRssKiB\":${gui_rss:-null},\"serveRssKiB\":${serve_rss:-null}}" >"$R/footprint.json"
for pid in $gui_pid $serve_pid; do kill "$pid" 2>/dev/null; done
for pid in $gui_pid $serve_pid; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
done
exit 0
