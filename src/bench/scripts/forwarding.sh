#!/usr/bin/env bash
# Forwarding benchmark, all on loopback. One echo app (EchoApp) behind three paths:
#   direct  load generator -> echo app                                              (the floor)
#   nginx   load generator -> nginx A (HTTP) -> TLS 1.3, mutual auth -> nginx B -> echo app
#   netty   load generator -> NettyPair a (HTTP) -> TLS 1.3, mutual auth -> NettyPair b -> echo app   (a reference:
#           the JVM doing nginx's job on event loops that own both sides of a call; none of the service's work)
#   portal  load generator -> Portal A local API -> TLS 1.3, mutual auth -> Portal B peer listener -> echo app
# For each: wrk req/s and p50/p99 at concurrency 1 and 32 with 1 KiB bodies, then a streamed upload and download
# (curl, generated on the fly) with the serve JVMs' heap recorded from their GC logs.
# Usage: forwarding.sh WORK-DIR RESULTS.jsonl   (appends one JSON object a line)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
W=$1
OUT=$2
JAR=$ROOT/target/portal-console.jar
BENCH_CP="$ROOT/target/bench-classes:$ROOT/target/lib/*"
LUA=$HERE/post-1k.lua
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
STREAM_BYTES=${BENCH_STREAM_BYTES:-1073741824}
SERVE_JAVA_OPTS=${BENCH_SERVE_JAVA_OPTS:-}
PORTAL_WARMUP=${BENCH_PORTAL_WARMUP:-120}
STREAM_WARMUP_ROUNDS=${BENCH_STREAM_WARMUP_ROUNDS:-8}
mkdir -p "$W"

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

emit() { echo "$1" >>"$OUT"; }
note() {
    echo "forwarding: $*" >&2
    emit "{\"kind\":\"note\",\"section\":\"forwarding\",\"text\":\"${*//\"/\'}\"}"
}
# wait_for FILE SECONDS: until FILE exists and is not empty
wait_for() {
    local tries=$(($2 * 20))
    for _ in $(seq "$tries"); do [[ -s $1 ]] && return 0; sleep 0.05; done
    return 1
}

# ---- the echo app -------------------------------------------------------------------------------------------------
java -cp "$BENCH_CP" io.portal.console.bench.EchoApp "$W/echo.port" >"$W/echo.log" 2>&1 &
PIDS+=($!)
wait_for "$W/echo.port" 30 || { note "the echo app did not start"; exit 1; }
ECHO_PORT=$(cat "$W/echo.port")
ECHO_PID=${PIDS[0]}
head -c 1024 /dev/urandom >"$W/body-1k"

# ---- nginx pair ---------------------------------------------------------------------------------------------------
make_certs() {
    local d=$W/tls
    mkdir -p "$d"
    openssl genpkey -algorithm ed25519 -out "$d/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$d/ca.key" -subj /CN=bench-ca -days 2 -out "$d/ca.crt" 2>/dev/null
    for n in a b; do
        openssl genpkey -algorithm ed25519 -out "$d/$n.key" 2>/dev/null
        openssl req -new -key "$d/$n.key" -subj "/CN=portal-$n" -out "$d/$n.csr" 2>/dev/null
        printf 'subjectAltName=DNS:portal-%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$n" >"$d/$n.ext"
        openssl x509 -req -in "$d/$n.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
            -extfile "$d/$n.ext" -out "$d/$n.crt" 2>/dev/null
    done
}

# nginx_conf DIR LISTEN-PORT UPSTREAM-PORT SIDE(a|b)
nginx_conf() {
    local d=$1 side=$4 user_line="" listen_tls="" upstream_scheme=http proxy_tls=""
    mkdir -p "$d/logs" "$d/tmp"
    [[ $(id -u) == 0 ]] && user_line="user root;"
    if [[ $side == b ]]; then
        listen_tls="ssl;
        ssl_certificate $W/tls/b.crt;
        ssl_certificate_key $W/tls/b.key;
        ssl_protocols TLSv1.3;
        ssl_client_certificate $W/tls/ca.crt;
        ssl_verify_client on;
        ssl_session_cache shared:bench:1m"
    else
        upstream_scheme=https
        proxy_tls="proxy_ssl_certificate $W/tls/a.crt;
            proxy_ssl_certificate_key $W/tls/a.key;
            proxy_ssl_trusted_certificate $W/tls/ca.crt;
            proxy_ssl_verify on;
            proxy_ssl_name portal-b;
            proxy_ssl_protocols TLSv1.3;
            proxy_ssl_session_reuse on;"
    fi
    cat >"$d/nginx.conf" <<EOF
$user_line
worker_processes auto;
pid $d/nginx.pid;
error_log $d/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $d/tmp/body;
    proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 120s;
    client_max_body_size 0;
    client_body_buffer_size 64k;
    upstream next {
        server 127.0.0.1:$3;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$2 $listen_tls;
        location / {
            proxy_pass $upstream_scheme://next;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_request_buffering off;
            proxy_buffering off;
            proxy_buffer_size 64k;
            proxy_buffers 8 64k;
            proxy_busy_buffers_size 128k;
            proxy_read_timeout 120s;
            proxy_send_timeout 120s;
            $proxy_tls
        }
    }
}
EOF
}

NGINX_PIDS=()
start_nginx() {
    local d=$1
    nginx -p "$d" -c "$d/nginx.conf" -g 'daemon off;' >"$d/logs/stdout.log" 2>&1 &
    PIDS+=($!)
    NGINX_PIDS+=($!)
}

make_certs
mapfile -t PORTS < <(java -cp "$BENCH_CP" io.portal.console.bench.FreePorts 2)
NGINX_A=${PORTS[0]}
NGINX_B=${PORTS[1]}
nginx_conf "$W/nginx-b" "$NGINX_B" "$ECHO_PORT" b
nginx_conf "$W/nginx-a" "$NGINX_A" "$NGINX_B" a
start_nginx "$W/nginx-b"
start_nginx "$W/nginx-a"
wait_for "$W/nginx-a/nginx.pid" 10 && wait_for "$W/nginx-b/nginx.pid" 10 || { note "nginx did not start"; exit 1; }

# ---- the reference pair (bench.NettyPair): the JVM doing nginx's job on event loops, none of the service's work --
NETTY_URL=""
NETTY_PIDS=()
JIT_PIDS=() # the JVMs until_compilers_quiet watches; empty: the two serve JVMs
start_reference() {
    local cp="$ROOT/target/bench-classes:$ROOT/target/bench-lib/*" side upstream=$ECHO_PORT
    if [[ ! -f $ROOT/target/bench-classes/io/portal/console/bench/NettyPair.class || ! -d $ROOT/target/bench-lib ]]; then
        note "this build has no reference pair (bench.NettyPair, target/bench-lib); the netty path is skipped"
        return 1
    fi
    for side in b a; do
        java -cp "$cp" io.portal.console.bench.NettyPair "$side" "$W/netty-$side.port" "$upstream" "$W/tls/ca.crt" \
            "$W/tls/$side.crt" "$W/tls/$side.key" jdk epoll >"$W/netty-$side.log" 2>&1 &
        PIDS+=($!)
        NETTY_PIDS+=($!)
        if ! wait_for "$W/netty-$side.port" 30; then
            note "the reference pair did not start (see netty-$side.log); the netty path is skipped"
            stop_reference
            return 1
        fi
        upstream=$(cat "$W/netty-$side.port")
    done
    NETTY_URL=http://127.0.0.1:$upstream
}
# stop_reference: its JVMs leave the two cores to what is measured next
stop_reference() {
    local pid
    for pid in "${NETTY_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${NETTY_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
PATHS=" ${BENCH_PATHS:-direct nginx netty portal} "
[[ $PATHS == *" netty "* ]] && start_reference || true

# ---- the two Portals ----------------------------------------------------------------------------------------------
PORTAL_URL=""
PORTAL_TOKEN=""
SERVE_PIDS=()
# shellcheck source=portals.sh
source "$HERE/portals.sh"
if portal_commands_present; then
    if start_portals; then
        PORTAL_URL=$PORTAL_BASE_URL
        PORTAL_TOKEN=$PORTAL_APP_TOKEN
        ((SERVE_COMMAND)) || note "this build has no serve command; the two services were started through the same composition root by the bench launcher PortalServe"
        note "portal: both services allow $MAX_CALLS concurrent calls per peer and per app (defaults 16 and 32)"
    else
        note "the two Portals could not be set up (see $W/portals.log); the portal path is skipped"
    fi
else
    note "this build has no peer service (serve, apps, share, peers commands); the portal path is skipped"
fi

# ---- measurements -------------------------------------------------------------------------------------------------
# check_echo NAME URL TOKEN: one 1 KiB round trip must come back unchanged
check_echo() {
    local auth=()
    [[ -n $3 ]] && auth=(-H "Authorization: Bearer $3")
    if ! curl -sS --max-time 10 "${auth[@]}" --data-binary @"$W/body-1k" -H 'Content-Type: application/octet-stream' \
        "$2/echo" -o "$W/check-$1.out" 2>"$W/check-$1.err" || ! cmp -s "$W/body-1k" "$W/check-$1.out"; then
        note "$1: a 1 KiB echo did not come back unchanged ($(head -c 300 "$W/check-$1.err" "$W/check-$1.out" | tr -d '\n\"'))"
        return 1
    fi
}

# cpu_ms PID...: user + system CPU time (ms) of these processes and their children (nginx workers)
CLK_TCK=$(getconf CLK_TCK)
cpu_ms() {
    local pid child ticks=0
    for pid in "$@"; do
        for child in "$pid" $(pgrep -P "$pid" 2>/dev/null); do
            ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
        done
    done
    echo $((ticks * 1000 / CLK_TCK))
}
# the processes that do a path's forwarding work (the echo app's CPU is counted apart)
path_pids() {
    case $1 in
        nginx) echo "${NGINX_PIDS[@]}" ;;
        netty) echo "${NETTY_PIDS[@]}" ;;
        portal) echo "${SERVE_PID_A:-} ${SERVE_PID_B:-}" ;;
    esac
}

# run_wrk NAME URL CONCURRENCY TOKEN
run_wrk() {
    local threads=1 forwarders cpu_before echo_before
    (($3 > 1)) && threads=2
    BENCH_TOKEN=$4 wrk -t"$threads" -c"$3" -d"${WARMUP}s" --timeout 5s -s "$LUA" "$2/echo" >/dev/null 2>&1 || true
    read -ra forwarders <<<"$(path_pids "$1")"
    cpu_before=$(cpu_ms "${forwarders[@]}")
    echo_before=$(cpu_ms "$ECHO_PID")
    BENCH_TOKEN=$4 wrk -t"$threads" -c"$3" -d"${DURATION}s" --timeout 5s --latency -s "$LUA" "$2/echo" \
        >"$W/wrk-$1-c$3.txt" 2>&1 || true
    local cpu=$(($(cpu_ms "${forwarders[@]}") - cpu_before)) echo_cpu=$(($(cpu_ms "$ECHO_PID") - echo_before))
    local json
    json=$(sed -n 's/^WRK-JSON //p' "$W/wrk-$1-c$3.txt")
    if [[ -z $json ]]; then
        note "$1 c=$3: wrk printed no result (see wrk-$1-c$3.txt)"
        return
    fi
    emit "{\"kind\":\"rps\",\"path\":\"$1\",\"concurrency\":$3,\"forwarderCpuMs\":$cpu,\"echoCpuMs\":$echo_cpu,\"wrk\":$json}"
}

gc_lines() { [[ -f $1 ]] && wc -l <"$1" || echo 0; }
# peak heap (MiB, before any collection) in the GC log lines after FROM: "Pause Young ... 123M->45M(256M)"
gc_peak() {
    tail -n +"$(($2 + 1))" "$1" 2>/dev/null | { grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' || true; } |
        awk -F'[M>(-]+' 'BEGIN{m=0;c=0} {if ($1+0>m) m=$1+0; if ($3+0>c) c=$3+0} END{print m, c}'
}
# jstat samples (every 200 ms) complete the GC log when no collection happens during a transfer
start_jstat() { jstat -gc "$1" 200 >"$2" 2>/dev/null & echo $!; }
# jstat_peak FILE: "used committed" heap in MiB, maxima over the samples (S0U+S1U+EU+OU, S0C+S1C+EC+OC)
jstat_peak() {
    awk '$1 ~ /^[0-9.]+$/ {u=$3+$4+$6+$8; c=$1+$2+$5+$7; if (u>mu) mu=u; if (c>mc) mc=c}
        END {printf "%d %d\n", mu/1024, mc/1024}' "$1" 2>/dev/null
}
# gc_live FILE FROM: the largest heap left after a collection (MiB): what the service really holds on to; 0 when
# there was none (grep finding nothing must not stop the script under pipefail)
gc_live() {
    tail -n +"$(($2 + 1))" "$1" 2>/dev/null | { grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' || true; } |
        awk -F'[M>(-]+' 'BEGIN{m=0} {if ($2+0>m) m=$2+0} END{print m}'
}
gc_count() { tail -n +"$(($2 + 1))" "$1" 2>/dev/null | grep -cE '[0-9]+M->[0-9]+M' || true; }
max_pair() { echo "$1 $2" | awk '{print ($1>$3?$1:$3), ($2>$4?$2:$4)}'; }

# transfer NAME URL TOKEN DIRECTION(upload|download): one streamed transfer of STREAM_BYTES; prints "status bytes seconds"
transfer() {
    local auth=()
    [[ -n $3 ]] && auth=(-H "Authorization: Bearer $3")
    if [[ $4 == upload ]]; then
        head -c "$STREAM_BYTES" /dev/zero | curl -sS --max-time 180 "${auth[@]}" -X POST -T - \
            -H "Content-Length: $STREAM_BYTES" -H 'Content-Type: application/octet-stream' -H 'Expect:' -H 'Transfer-Encoding:' \
            -o "$W/upload-$1.out" -w '%{http_code} %{size_upload} %{time_total}' "$2/discard" 2>"$W/upload-$1.err" || true
    else
        curl -sS --max-time 180 "${auth[@]}" -o /dev/null -w '%{http_code} %{size_download} %{time_total}' \
            "$2/bytes/$STREAM_BYTES" 2>"$W/download-$1.err" || true
    fi
}

# stream NAME URL TOKEN DIRECTION(upload|download)
stream() {
    local result code size seconds
    local before_a=0 before_b=0 jstat_a="" jstat_b=""
    if [[ $1 == portal ]]; then
        before_a=$(gc_lines "$W/gc-a.log")
        before_b=$(gc_lines "$W/gc-b.log")
        jstat_a=$(start_jstat "$SERVE_PID_A" "$W/jstat-a-$4.txt")
        jstat_b=$(start_jstat "$SERVE_PID_B" "$W/jstat-b-$4.txt")
    fi
    local forwarders cpu_before
    read -ra forwarders <<<"$(path_pids "$1")"
    cpu_before=$(cpu_ms "${forwarders[@]}")
    result=$(transfer "$1" "$2" "$3" "$4")
    if [[ $4 == upload ]] && ! grep -q "\"bytes\":$STREAM_BYTES" "$W/upload-$1.out" 2>/dev/null; then
        note "$1 upload: the app did not receive all $STREAM_BYTES bytes ($result $(head -c 200 "$W/upload-$1.err" "$W/upload-$1.out" | tr -d '\n\"'))"
        return
    fi
    local cpu=$(($(cpu_ms "${forwarders[@]}") - cpu_before))
    [[ -n $jstat_a ]] && { kill "$jstat_a" "$jstat_b" 2>/dev/null || true; }
    read -r code size seconds <<<"$result"
    if [[ $code != 200 || $size != "$STREAM_BYTES" ]]; then
        note "$1 $4: status ${code:-none}, $size of $STREAM_BYTES bytes ($(head -c 200 "$W/$4-$1.err" | tr -d '\n\"'))"
        return
    fi
    local heap=""
    if [[ $1 == portal ]]; then
        local a b
        a=$(max_pair "$(gc_peak "$W/gc-a.log" "$before_a")" "$(jstat_peak "$W/jstat-a-$4.txt")")
        b=$(max_pair "$(gc_peak "$W/gc-b.log" "$before_b")" "$(jstat_peak "$W/jstat-b-$4.txt")")
        local live_a live_b
        live_a=$(gc_live "$W/gc-a.log" "$before_a")
        live_b=$(gc_live "$W/gc-b.log" "$before_b")
        heap=",\"heapPeakMiB\":{\"a\":${a% *},\"b\":${b% *}},\"heapCommittedMiB\":{\"a\":${a#* },\"b\":${b#* }}"
        heap+=",\"heapAfterGcMaxMiB\":{\"a\":$live_a,\"b\":$live_b},\"collections\":{\"a\":$(gc_count "$W/gc-a.log" "$before_a"),\"b\":$(gc_count "$W/gc-b.log" "$before_b")}"
    fi
    emit "{\"kind\":\"stream\",\"path\":\"$1\",\"direction\":\"$4\",\"bytes\":$size,\"seconds\":$seconds,\"forwarderCpuMs\":$cpu$heap}"
}

# jit_seconds PID...: the time the JVMs' compilers have spent so far (jstat -compiler), summed
jit_seconds() {
    local pid total=0 t
    for pid in "$@"; do
        t=$(jstat -compiler "$pid" 2>/dev/null | awk 'NR == 2 {print $4}')
        total=$(awk -v a="$total" -v b="${t:-0}" 'BEGIN {print a + b}')
    done
    echo "$total"
}

# until_compilers_quiet LIMIT MIN-ROUNDS MAX-ROUNDS COMMAND...: a long-running service has compiled its hot code long
# ago (nginx has nothing to warm up). Runs COMMAND (one round of load; it gets the round's number as its last argument)
# at least MIN-ROUNDS times and until the compilers of the JVMs in JIT_PIDS (the two serve JVMs unless set) spent less
# than LIMIT s in a round, at most MAX-ROUNDS rounds. Sets ROUNDS, JIT_SECONDS and QUIET (true when the compilers got
# quiet, false when MAX-ROUNDS came first).
until_compilers_quiet() {
    local limit=$1 min=$2 max=$3 before after pids=("${JIT_PIDS[@]}")
    shift 3
    ((${#pids[@]})) || pids=("$SERVE_PID_A" "$SERVE_PID_B")
    ROUNDS=0
    QUIET=false
    before=$(jit_seconds "${pids[@]}")
    while ((ROUNDS < max)); do
        ROUNDS=$((ROUNDS + 1))
        "$@" "$ROUNDS"
        after=$(jit_seconds "${pids[@]}")
        if ((ROUNDS >= min)) && awk -v a="$before" -v b="$after" -v limit="$limit" 'BEGIN {exit !(b - a < limit)}'; then
            QUIET=true
            break
        fi
        before=$after
    done
    JIT_SECONDS=$after
}

# load_round URL TOKEN ROUND: 10 s at c=32
load_round() {
    BENCH_TOKEN=$2 wrk -t2 -c32 -d10s --timeout 5s -s "$LUA" "$1/echo" >/dev/null 2>&1 || true
}

# warm_up URL TOKEN: load at c=32 in 10 s rounds until the compilers spent less than 0.5 s in a round, at most
# PORTAL_WARMUP s, and for at least 70 s: each Portal probes the other every 60 s, and the first probe after the call
# path was compiled (a GET with no body, through the same client code) makes the JIT drop and recompile much of it,
# once: 3-4 s of compiler time in the two JVMs, which would otherwise land in a measured run now and then.
warm_up() {
    local rounds=$(((PORTAL_WARMUP + 9) / 10))
    until_compilers_quiet 0.5 $((rounds < 7 ? rounds : 7)) "$rounds" load_round "$1" "$2"
    emit "{\"kind\":\"warmup\",\"path\":\"portal\",\"seconds\":$((ROUNDS * 10)),\"jitSeconds\":$JIT_SECONDS,\"quiet\":$QUIET}"
}

# stream_round URL TOKEN ROUND: one upload and one download of STREAM_BYTES; the first round's are reported as the
# first transfers after start ("cold").
stream_round() {
    local direction result code size seconds
    for direction in upload download; do
        result=$(transfer portal "$1" "$2" "$direction")
        read -r code size seconds <<<"$result"
        if (($3 == 1)) && [[ $code == 200 && $size == "$STREAM_BYTES" ]]; then
            emit "{\"kind\":\"stream-cold\",\"path\":\"portal\",\"direction\":\"$direction\",\"bytes\":$size,\"seconds\":$seconds}"
        fi
    done
}

# warm_up_streaming URL TOKEN: the c=32 warm-up runs small records only; what a long-running service compiled for
# streaming (16 KiB records, 64 KiB chunks) is compiled here, in rounds of stream_round until the compilers spent less
# than 0.3 s in a round, at least 3 rounds (after 2, a quiet round was sometimes still followed by a slow transfer)
# and at most STREAM_WARMUP_ROUNDS (8; on 2 cores they settle after about 5 transfers each way).
warm_up_streaming() {
    local rounds=$STREAM_WARMUP_ROUNDS
    until_compilers_quiet 0.3 $((rounds < 3 ? rounds : 3)) "$rounds" stream_round "$1" "$2"
    emit "{\"kind\":\"stream-warmup\",\"path\":\"portal\",\"rounds\":$ROUNDS,\"jitSeconds\":$JIT_SECONDS,\"quiet\":$QUIET}"
}

# warm_up_reference URL: 2 to 9 rounds at c=32, until the pair's compilers are quiet. The JDK's TLS is a lot of code
# for C2 on two busy cores: compiling still takes a few seconds a round after a minute.
warm_up_reference() {
    JIT_PIDS=("${NETTY_PIDS[@]}")
    until_compilers_quiet 0.5 2 9 load_round "$1" ""
    JIT_PIDS=()
    emit "{\"kind\":\"warmup\",\"path\":\"netty\",\"seconds\":$((ROUNDS * 10)),\"jitSeconds\":$JIT_SECONDS,\"quiet\":$QUIET}"
}

measure_path() {
    local name=$1 url=$2 token=$3
    check_echo "$name" "$url" "$token" || return 0
    if [[ $name == portal && $PORTAL_WARMUP -gt 0 ]]; then
        warm_up "$url" "$token"
    fi
    if [[ $name == netty ]]; then
        warm_up_reference "$url"
        # one untimed transfer each way, so the timed ones do not include compiling the streaming path
        transfer netty "$url" "" upload >/dev/null
        transfer netty "$url" "" download >/dev/null
    fi
    # c=32 first: right after the warm-up, at the load the services were warmed up with.
    run_wrk "$name" "$url" 32 "$token"
    run_wrk "$name" "$url" 1 "$token"
    if [[ $name == portal && $STREAM_WARMUP_ROUNDS -gt 0 ]]; then
        warm_up_streaming "$url" "$token"
    fi
    stream "$name" "$url" "$token" upload
    stream "$name" "$url" "$token" download
}

[[ $PATHS == *" direct "* ]] && measure_path direct "http://127.0.0.1:$ECHO_PORT" ""
[[ $PATHS == *" nginx "* ]] && measure_path nginx "http://127.0.0.1:$NGINX_A" ""
if [[ -n $NETTY_URL ]]; then
    measure_path netty "$NETTY_URL" ""
    stop_reference
fi
if [[ -n $PORTAL_URL && $PATHS == *" portal "* ]]; then
    measure_path portal "$PORTAL_URL" "$PORTAL_TOKEN"
    for side in a b; do
        pid_var=SERVE_PID_${side^^}
        pid=${!pid_var}
        hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        emit "{\"kind\":\"serve-memory\",\"side\":\"$side\",\"vmHwmKiB\":${hwm:-0}}"
    done
fi
echo "forwarding: done" >&2
