# Sourced by forwarding.sh: two Portals A and B on loopback, each with the echo app registered and shared with all,
# each the other's peer, each running `serve`. Sets PORTAL_BASE_URL (A's local API call URL to B), PORTAL_APP_TOKEN,
# SERVE_PID_A, SERVE_PID_B. Needs W, JAR, ECHO_PORT, SERVE_JAVA_OPTS, PIDS, wait_for from the caller.

portal() {
    # shellcheck disable=SC2086
    java $PORTAL_CLI_JAVA_OPTS -jar "$JAR" "$@"
}
PORTAL_CLI_JAVA_OPTS="-XX:TieredStopAtLevel=1 -Xshare:auto"

# The calls per peer / per app the two services allow; the defaults (16 / 32) would refuse half of the c=32 calls.
MAX_CALLS=${BENCH_MAX_CALLS:-64}
SERVE_COMMAND=0

# The CLI commands the set-up needs; without `serve` (but with the service in the build) PortalServe stands in.
portal_commands_present() {
    local c help
    help=$(portal --help 2>/dev/null) || return 1
    for c in apps peers share; do
        grep -qE "^ +$c " <<<"$help" || return 1
    done
    if grep -qE "^ +serve " <<<"$help"; then
        SERVE_COMMAND=1
    elif ! jar tf "$JAR" 2>/dev/null | grep -q 'io/portal/console/service/PeerService.class'; then
        return 1
    fi
}

# start_serve SIDE: runs `serve` for data folder W/portal-SIDE, waits for its service.json
start_serve() {
    local side=$1 dir=$W/portal-$1
    local opts=${SERVE_JAVA_OPTS//\{side\}/$side}
    rm -f "$dir/service.json"
    if ((SERVE_COMMAND)); then
        # shellcheck disable=SC2086
        java -Xlog:gc:file="$W/gc-$side.log" $opts -jar "$JAR" serve --data-dir "$dir" \
            --api-port 0 --peer-port 0 --bind 127.0.0.1 --max-calls-per-peer "$MAX_CALLS" \
            --max-calls-per-app "$MAX_CALLS" >"$W/serve-$side.log" 2>&1 &
    else
        # shellcheck disable=SC2086
        java -Xlog:gc:file="$W/gc-$side.log" $opts -cp "$JAR:$ROOT/target/bench-classes" \
            io.portal.console.bench.PortalServe "$dir" "$MAX_CALLS" "$MAX_CALLS" >"$W/serve-$side.log" 2>&1 &
    fi
    local pid=$!
    PIDS+=("$pid")
    SERVE_PIDS+=("$pid")
    printf -v "SERVE_PID_${side^^}" '%s' "$pid"
    wait_for "$dir/service.json" 60 || return 1
}

# json_number FILE KEY: a number field of a flat JSON file
json_number() { grep -oE "\"$2\" *: *[0-9]+" "$1" | grep -oE '[0-9]+$' | head -1; }

start_portals() {
    {
        local side
        cat >"$W/echo-app.json" <<EOF
{"name": "echo", "description": "Benchmark echo app", "paths": {"/": {"access": "peer"}}}
EOF
        for side in a b; do
            mkdir -p "$W/portal-$side"
            portal id --data-dir "$W/portal-$side" --json >"$W/id-$side.json" || return 1
            portal apps add --data-dir "$W/portal-$side" "$W/echo-app.json" --url "http://127.0.0.1:$ECHO_PORT" \
                >"$W/token-$side.txt" || return 1
            portal share --data-dir "$W/portal-$side" echo --all || return 1
        done
        ID_A=$(grep -oE '"id" *: *"[A-Z0-9]+"' "$W/id-a.json" | grep -oE '[A-Z0-9]{20,}')
        ID_B=$(grep -oE '"id" *: *"[A-Z0-9]+"' "$W/id-b.json" | grep -oE '[A-Z0-9]{20,}')
        PORTAL_APP_TOKEN=$(grep -oE 'ptk_[A-Za-z0-9_-]+' "$W/token-a.txt" | head -1)
        [[ -n $ID_A && -n $ID_B && -n $PORTAL_APP_TOKEN ]] || return 1
        start_serve a || return 1
        start_serve b || return 1
        local peer_a peer_b api_a
        peer_a=$(json_number "$W/portal-a/service.json" peerPort)
        peer_b=$(json_number "$W/portal-b/service.json" peerPort)
        api_a=$(json_number "$W/portal-a/service.json" apiPort)
        [[ -n $peer_a && -n $peer_b && -n $api_a ]] || return 1
        portal peers add --data-dir "$W/portal-a" "$ID_B" --address "127.0.0.1:$peer_b" || return 1
        portal peers add --data-dir "$W/portal-b" "$ID_A" --address "127.0.0.1:$peer_a" || return 1
        PORTAL_BASE_URL="http://127.0.0.1:$api_a/v1/call/$ID_B"
        # The services see the new peers within the database watcher's interval; wait until a call goes through.
        local i
        for i in $(seq 40); do
            if curl -s --max-time 5 -H "Authorization: Bearer $PORTAL_APP_TOKEN" --data-binary ping \
                "$PORTAL_BASE_URL/echo" 2>/dev/null | grep -q '^ping$'; then
                return 0
            fi
            sleep 0.5
        done
        return 1
    } >>"$W/portals.log" 2>&1
}
