#!/usr/bin/env bash
# Proves on this machine that the .deb installs, runs, upgrades in place and uninstalls cleanly:
#   build the .deb (profile "package"), install it with dpkg -i (apt-get brings missing dependencies),
#   run `portal-console --version` and `portal-console id --json` from PATH, start `serve` on ephemeral
#   ports and stop it, open the GUI under Xvfb when available, upgrade to a build with a higher version
#   and check the data folders keep the same ID, remove the package and check nothing of it is left
#   while the data folders still are.
# Needs root and a Debian-like system; installs the few tools it needs. Run from anywhere:
#   bash packaging/linux/test-deb.sh
# Leaves the machine as it found it (the package removed, temporary folders deleted), also on failure.
# It refuses to run when portal-console is already installed, so it never replaces an owner's install.
set -euo pipefail

cd "$(dirname "$0")/../.."
PACKAGE=portal-console
APP_DIR=/opt/portal-console
LINK=/usr/bin/portal-console
UNIT=/lib/systemd/system/portal-console.service
DESKTOP=/usr/share/applications/portal-console.desktop

passed=0
failed=0
skipped=0
SERVE_PID=
INSTALLED_BY_US=false
WORK=

log() { printf '\n== %s\n' "$*"; }
note() { printf '   note: %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf '   ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf '   FAIL  %s\n' "$1"; [ -z "${2:-}" ] || printf '         %s\n' "$2"; }
skip() { skipped=$((skipped + 1)); printf '   skip  %s\n' "$1"; }
# check "description" command...: counts the result, does not stop the run.
check() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}

# Installed, or half-installed after a failure: anything but absent or purged.
is_present() {
    local status
    status=$(dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null) || return 1
    [ -n "$status" ] && [ "${status##* }" != not-installed ]
}

cleanup() {
    local rc=$?
    if [ -n "$SERVE_PID" ]; then
        # shellcheck disable=SC2046
        kill -KILL $(process_tree "$SERVE_PID") 2>/dev/null || true
    fi
    if $INSTALLED_BY_US && is_present; then
        echo "cleaning up: removing $PACKAGE" >&2
        dpkg --purge "$PACKAGE" >/dev/null 2>&1 || true
    fi
    [ -z "$WORK" ] || rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$(id -u)" -ne 0 ]; then
    echo "test-deb.sh installs and removes a package: run it as root" >&2
    exit 2
fi
if is_present; then
    echo "$PACKAGE is installed on this machine; this test installs and removes it. Remove it first." >&2
    exit 2
fi

START=$(date +%s)
WORK=$(mktemp -d /tmp/portal-console-deb-test.XXXXXX)
export DEBIAN_FRONTEND=noninteractive

apt_lists_present() { compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; }
apt_updated=false
apt_update_once() {
    if ! $apt_updated; then
        apt-get update -qq >"$WORK/apt-update.log" 2>&1 || { cat "$WORK/apt-update.log"; return 1; }
        apt_updated=true
    fi
}

log "tools"
# fakeroot and dpkg-deb build the .deb; binutils for jlink's stripping; ldd (libc-bin) is always there.
missing=()
command -v fakeroot >/dev/null || missing+=(fakeroot)
command -v objcopy >/dev/null || missing+=(binutils)
if [ ${#missing[@]} -gt 0 ]; then
    apt_update_once
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$WORK/apt-tools.log" 2>&1 \
        || { cat "$WORK/apt-tools.log"; exit 1; }
    echo "   installed: ${missing[*]}"
else
    echo "   fakeroot, dpkg-deb and objcopy present"
fi

run_maven() { # run_maven LOGNAME maven-args...
    local name=$1
    shift
    if ! ./mvnw -B "$@" >"$WORK/$name.log" 2>&1; then
        tail -50 "$WORK/$name.log"
        return 1
    fi
}

log "build the .deb (./mvnw -B -Ppackage -DskipTests package)"
t0=$(date +%s)
run_maven build-1 -Ppackage -DskipTests package
DEB1=$(ls target/installers/${PACKAGE}_*_amd64.deb)
cp "$DEB1" "$WORK/"
DEB1="$WORK/$(basename "$DEB1")"
DEB1_VERSION=$(dpkg-deb -f "$DEB1" Version)
APP_VERSION=${DEB1_VERSION%-*}
PROJECT_VERSION=$(sed -n 's/^version=//p' target/classes/io/portal/console/version.properties)
echo "   $(basename "$DEB1") built in $(( $(date +%s) - t0 )) s (app version $APP_VERSION, project version $PROJECT_VERSION)"
check "the .deb depends on libgtk-3-0 (JavaFX's natives need it)" \
    bash -c "dpkg-deb -f '$DEB1' Depends | grep -qw libgtk-3-0"

log "install with dpkg -i"
INSTALLED_BY_US=true
if ! dpkg -i "$DEB1" >"$WORK/dpkg-1.log" 2>&1; then
    # Usually missing dependencies: let apt bring them and finish the configuration.
    apt_lists_present || apt_update_once
    if ! apt-get install -f -y -qq --no-install-recommends >"$WORK/apt-fix.log" 2>&1; then
        apt_update_once
        apt-get install -f -y -qq --no-install-recommends >"$WORK/apt-fix.log" 2>&1 \
            || { cat "$WORK/dpkg-1.log" "$WORK/apt-fix.log"; exit 1; }
    fi
    echo "   apt-get installed the missing dependencies"
fi
check "package is installed at version $DEB1_VERSION" \
    bash -c "[ \"\$(dpkg-query -W -f='\${Status} \${Version}' $PACKAGE)\" = 'install ok installed $DEB1_VERSION' ]"
check "app is in $APP_DIR" test -x "$APP_DIR/bin/portal-console"
check "portal-console on PATH is $LINK -> $APP_DIR/bin/portal-console" \
    bash -c "[ \"\$(command -v portal-console)\" = $LINK ] && [ \"\$(readlink $LINK)\" = $APP_DIR/bin/portal-console ]"
check "menu entry named Portal Console with the app icon" \
    bash -c "grep -qx 'Name=Portal Console' $DESKTOP && icon=\$(sed -n 's/^Icon=//p' $DESKTOP) && test -s \"\$icon\""
check "systemd unit installed" test -f "$UNIT"
if command -v systemctl >/dev/null; then
    check "systemd unit is disabled" bash -c "[ \"\$(systemctl is-enabled portal-console.service 2>/dev/null)\" = disabled ]"
else
    check "systemd unit is not enabled" bash -c "! ls /etc/systemd/system/*.wants/portal-console.service"
fi
if command -v systemd-analyze >/dev/null; then
    check "systemd unit passes systemd-analyze verify" timeout 60 systemd-analyze verify --man=no "$UNIT"
fi
echo "   runtime modules: $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$APP_DIR/lib/runtime/release")"

# The CLI runs as an owner would, with the default data folder too ($XDG_DATA_HOME/portal-console; Java
# takes user.home from the password database, not from $HOME, so XDG_DATA_HOME keeps it in $WORK).
OWNER_HOME="$WORK/home"
mkdir -p "$OWNER_HOME"
DATA="$WORK/data"
as_owner() { env -u PORTAL_CONSOLE_HOME XDG_DATA_HOME="$OWNER_HOME/.local/share" HOME="$OWNER_HOME" "$@"; }
json_field() { sed -n "s/^ *\"$1\" *: *\"\\([^\"]*\)\".*/\\1/p"; }
OWNER_DATA="$OWNER_HOME/.local/share/portal-console"

log "run from PATH"
out=$(as_owner timeout 60 portal-console --version 2>&1) || true
if [ "$out" = "portal-console $PROJECT_VERSION" ]; then pass "portal-console --version prints '$out'"
else fail "portal-console --version" "got: $out"; fi

out=$(as_owner timeout 60 portal-console id --json --data-dir "$DATA" 2>"$WORK/id.err") || true
ID1=$(printf '%s\n' "$out" | json_field id)
if [[ "$ID1" =~ ^[A-Z2-7]{56}$ ]] && [ -n "$(printf '%s\n' "$out" | json_field publicKey)" ]; then
    pass "portal-console id --json --data-dir DIR prints an ID ($ID1)"
else
    fail "portal-console id --json --data-dir DIR" "got: $out $(cat "$WORK/id.err")"
fi
out=$(as_owner timeout 60 portal-console id --json 2>&1) || true
OWNER_ID1=$(printf '%s\n' "$out" | json_field id)
if [[ "$OWNER_ID1" =~ ^[A-Z2-7]{56}$ ]] && [ -d "$OWNER_DATA" ]; then
    pass "portal-console id --json uses the default data folder \$XDG_DATA_HOME/portal-console"
else
    fail "portal-console id --json with the default data folder" "got: $out"
fi

# A process and its descendants (a launcher may start the JVM as a child).
process_tree() {
    local child
    echo "$1"
    for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do process_tree "$child"; done
}
# The sockets a process tree listens on, as "address:port" (hex, from /proc), without needing ss or netstat.
listening() {
    local pid inodes=
    for pid in $(process_tree "$1"); do
        inodes+=$(find "/proc/$pid/fd" -lname 'socket:*' -printf '%l\n' 2>/dev/null | tr -dc '0-9\n')$'\n'
    done
    inodes=$(printf '%s' "$inodes" | grep . | sort -u || true)
    [ -n "$inodes" ] || return 0
    awk -v inodes="$inodes" 'BEGIN { n = split(inodes, a, "\n"); for (i = 1; i <= n; i++) want[a[i]] = 1 }
        $4 == "0A" && ($10 in want) { print $2 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

log "serve"
# An unknown command still prints the root's help, so look for the command's own usage line.
as_owner timeout 60 portal-console serve --help >"$WORK/serve-help.txt" 2>&1 || true
if grep -q '^Usage: portal-console serve' "$WORK/serve-help.txt"; then
    # Ephemeral ports for every port option `serve` has, and loopback for its listening address.
    serve_args=(--data-dir "$WORK/serve-data")
    for opt in $(grep -oE -- '--([a-z]+-)*port\b' "$WORK/serve-help.txt" | sort -u); do
        serve_args+=("$opt" 0)
    done
    for opt in --bind --host --listen --address; do
        if grep -qE -- "$opt([ =,]|$)" "$WORK/serve-help.txt"; then serve_args+=("$opt" 127.0.0.1); fi
    done
    echo "   portal-console serve ${serve_args[*]}"
    # Not through the as_owner function, so that $! is the launcher itself (env execs it).
    env -u PORTAL_CONSOLE_HOME XDG_DATA_HOME="$OWNER_HOME/.local/share" HOME="$OWNER_HOME" \
        portal-console serve "${serve_args[@]}" >"$WORK/serve.log" 2>&1 &
    SERVE_PID=$!
    sockets=
    for _ in $(seq 1 60); do # up to 30 s
        kill -0 "$SERVE_PID" 2>/dev/null || break
        sockets=$(listening "$SERVE_PID")
        [ -z "$sockets" ] || break
        sleep 0.5
    done
    if [ -n "$sockets" ]; then
        pass "serve is listening ($(printf '%s\n' "$sockets" | while IFS=: read -r _ port; do printf 'port %d ' "0x$port"; done))"
        non_loopback=$(printf '%s\n' "$sockets" | grep -vE '^([0-9A-F]{6}7F|00000000000000000000000001000000|0000000000000000FFFF0000[0-9A-F]{6}7F):' || true)
        [ -z "$non_loopback" ] || note "serve also listens beyond loopback: $non_loopback "
    else
        fail "serve starts and listens within 30 s" "$(tail -20 "$WORK/serve.log")"
    fi
    serve_tree=$(process_tree "$SERVE_PID")
    kill -TERM "$SERVE_PID" 2>/dev/null || true
    stopped=false
    for _ in $(seq 1 30); do # up to 15 s, for the launcher and anything it started
        stopped=true
        for pid in $serve_tree; do
            if kill -0 "$pid" 2>/dev/null && [ "$(cut -d' ' -f3 /proc/"$pid"/stat 2>/dev/null)" != Z ]; then
                stopped=false
            fi
        done
        $stopped && break
        sleep 0.5
    done
    if $stopped; then
        wait "$SERVE_PID" 2>/dev/null || true
        pass "serve stops on SIGTERM"
    else
        fail "serve stops on SIGTERM within 15 s" "$(tail -20 "$WORK/serve.log")"
    fi
    SERVE_PID=
else
    note "this build has no 'serve' command yet; skipping the serve check"
    skip "serve starts on ephemeral ports and stops"
fi

log "GUI"
if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
    # The menu entry's command, with software rendering (Xvfb has no GL) and JavaFX's native-library
    # cache in $WORK; a window titled "Portal Console — <short ID>" must appear within 40 s.
    exec_cmd=$(sed -n 's/^Exec=//p' "$DESKTOP")
    cat >"$WORK/gui.sh" <<EOF
#!/bin/bash
JAVA_TOOL_OPTIONS="-Dprism.order=sw -Djavafx.cachedir=$WORK/openjfx" $exec_cmd --data-dir "$DATA" >"$WORK/gui.log" 2>&1 &
pid=\$!
for _ in \$(seq 1 80); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"Portal Console'; then
        xwininfo -root -tree | grep -o '"Portal Console[^"]*"' | head -1
        kill \$pid; wait \$pid 2>/dev/null; exit 0
    fi
    kill -0 \$pid 2>/dev/null || break
    sleep 0.5
done
kill \$pid 2>/dev/null; exit 1
EOF
    if title=$(as_owner timeout 90 xvfb-run -a -s "-screen 0 1280x800x24" bash "$WORK/gui.sh" 2>/dev/null); then
        pass "the menu entry's command opens the window $title"
    else
        fail "the menu entry's command opens a window" "$(tail -20 "$WORK/gui.log" 2>/dev/null)"
    fi
else
    note "xvfb-run or xwininfo missing (apt-get install xvfb xauth x11-utils); skipping the GUI check"
    skip "GUI window opens"
fi

log "upgrade to a higher version"
next_version=$(awk -F. -v OFS=. '{ $NF = $NF + 1; print }' <<<"$APP_VERSION")
fingerprint() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
fingerprint "$DATA" >"$WORK/data.before"
fingerprint "$OWNER_DATA" >"$WORK/owner.before"
t0=$(date +%s)
# Only the installer step of the profile, from the application image built above: same app, higher version.
run_maven build-2 -Ppackage exec:exec@jpackage-installer -Dapp.version="$next_version"
DEB2=$(ls target/installers/${PACKAGE}_"$next_version"-*_amd64.deb)
cp "$DEB2" "$WORK/"
DEB2="$WORK/$(basename "$DEB2")"
DEB2_VERSION=$(dpkg-deb -f "$DEB2" Version)
echo "   $(basename "$DEB2") built in $(( $(date +%s) - t0 )) s"
dpkg -i "$DEB2" >"$WORK/dpkg-2.log" 2>&1 || { cat "$WORK/dpkg-2.log"; exit 1; }
check "dpkg upgraded in place: $DEB1_VERSION -> $DEB2_VERSION" \
    bash -c "grep -qF 'Unpacking $PACKAGE ($DEB2_VERSION) over ($DEB1_VERSION)' '$WORK/dpkg-2.log' && [ \"\$(dpkg-query -W -f='\${Version}' $PACKAGE)\" = '$DEB2_VERSION' ]"
check "portal-console still on PATH after the upgrade" test -x "$LINK"
check "the data folders are untouched by the upgrade" \
    bash -c "fingerprint() { (cd \"\$1\" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
             [ \"\$(fingerprint '$DATA')\" = \"\$(cat '$WORK/data.before')\" ] &&
             [ \"\$(fingerprint '$OWNER_DATA')\" = \"\$(cat '$WORK/owner.before')\" ]"
ID2=$(as_owner timeout 60 portal-console id --json --data-dir "$DATA" 2>&1 | json_field id) || true
OWNER_ID2=$(as_owner timeout 60 portal-console id --json 2>&1 | json_field id) || true
if [ -n "$ID1" ] && [ "$ID1" = "$ID2" ] && [ -n "$OWNER_ID1" ] && [ "$OWNER_ID1" = "$OWNER_ID2" ]; then
    pass "the same data folders give the same IDs after the upgrade"
else
    fail "same IDs after the upgrade" "before: $ID1 / $OWNER_ID1, after: $ID2 / $OWNER_ID2"
fi

log "remove"
fingerprint "$DATA" >"$WORK/data.before"
fingerprint "$OWNER_DATA" >"$WORK/owner.before"
dpkg --purge "$PACKAGE" >"$WORK/dpkg-purge.log" 2>&1 || { cat "$WORK/dpkg-purge.log"; exit 1; }
INSTALLED_BY_US=false
check "package is gone (dpkg --purge)" bash -c "! dpkg-query -W -f='\${Status}' $PACKAGE 2>/dev/null | grep -q ' installed'"
check "nothing of it is left in /opt" bash -c "[ -z \"\$(find /opt -maxdepth 1 -iname '*portal*')\" ]"
check "the PATH link, the menu entry and the systemd unit are gone" \
    bash -c "[ ! -e $LINK ] && [ ! -L $LINK ] && [ ! -e $DESKTOP ] && [ ! -e $UNIT ]"
check "the data folders are still there, unchanged" \
    bash -c "fingerprint() { (cd \"\$1\" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
             [ -s '$DATA/identity.pem' ] && [ \"\$(fingerprint '$DATA')\" = \"\$(cat '$WORK/data.before')\" ] &&
             [ \"\$(fingerprint '$OWNER_DATA')\" = \"\$(cat '$WORK/owner.before')\" ]"

log "sizes"
du -h "$DEB1" "$DEB2" | sed "s|$WORK/|   |"
for f in target/installers/*.rpm; do [ -e "$f" ] && du -h "$f" | sed 's/^/   /'; done
for d in "" /lib/runtime /lib/app; do # one du each: du counts a folder once
    du -sh "target/jpackage/portal-console$d" | sed 's/^/   /; s|target/jpackage/portal-console|app image|'
done
echo "   installed size: $(dpkg-deb -f "$DEB2" Installed-Size) KiB"
echo "   total time: $(( $(date +%s) - START )) s"

echo
echo "deb: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
