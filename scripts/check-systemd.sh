#!/usr/bin/env bash
# Checks the unit files in systemd/ and queue-server/systemd/ with systemd-analyze: syntax, and an exposure score of at
# most 2.0 (systemd-analyze takes the threshold in tenths).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "systemd-analyze not found: skipping the unit checks"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$(swift build --show-bin-path)
# Point ExecStart at the binary just built, so verify can check that it exists.
sed "s|/usr/local/bin/kioskd|$bin/kioskd|" systemd/kioskd.service > "$work/kioskd.service"
systemd-analyze verify --man=no "$work/kioskd.service"
systemd-analyze security --offline=true --threshold=20 --no-pager "$work/kioskd.service" | tail -1
# systemd 252 applies TTYReset= and TTYVHangup= before every command of a unit, ExecReload= too: with them each
# `systemctl reload` hung VT 1 up (kioskd got a second SIGHUP and re-executed twice) and put it in text mode
# (the console took the display: black). The installed-system test saw both (docs/vm-system.md).
if grep -q '^ExecReload=' systemd/kioskd.service && grep -Eq '^TTY(Reset|VHangup)=(yes|true|on|1)' systemd/kioskd.service; then
    echo "systemd/kioskd.service: TTYReset=/TTYVHangup= with ExecReload= hang up and reset VT 1 on every reload" >&2
    exit 1
fi
# libdispatch sets its worker threads' nice value (setpriority, in @resources) in both programs: a unit that refuses
# @resources must allow setpriority, or the server is killed by SIGSYS as it starts (the installed-system test saw it).
for unit in systemd/kioskd.service queue-server/systemd/queue-server.service; do
    if grep -Eq '^SystemCallFilter=~.*@resources' "$unit" && ! grep -q '^SystemCallFilter=setpriority$' "$unit"; then
        echo "$unit: refuses @resources without allowing setpriority: libdispatch's threads are refused, or the program is killed" >&2
        exit 1
    fi
done
# libdispatch's manager thread (its timers and signal and epoll sources, which the queue server uses and kioskd
# does not) asks the nice value -4: without RLIMIT_NICE >= 24 the kernel refuses it and every start logs "Failed to
# set thread priority" (the installed-system test saw it). systemd reads a signed LimitNICE= as a nice value (-4 is
# the limit 24) and an unsigned one as the limit itself (LimitNICE=1 is nice 19 at most).
nice_limit=$(sed -n 's/^LimitNICE=//p' queue-server/systemd/queue-server.service | tail -n 1)
case "$nice_limit" in
    '') rlimit=0 ;;
    infinity) rlimit=40 ;;
    [+-][0-9]*) rlimit=$((20 - nice_limit)) ;;
    [0-9]*) rlimit=$nice_limit ;;
    *) echo "queue-server/systemd/queue-server.service: LimitNICE=$nice_limit is not a number" >&2; exit 1 ;;
esac
if [ "$rlimit" -lt 24 ]; then
    echo "queue-server/systemd/queue-server.service: RLIMIT_NICE $rlimit lets no thread below nice $((20 - rlimit)): libdispatch's manager thread asks -4 (LimitNICE=-4)" >&2
    exit 1
fi
# The queue server's unit (queue-server/systemd/), against the queue server just built.
server_bin=$(swift build --package-path queue-server --show-bin-path)
sed "s|/usr/local/bin/queue-server|$server_bin/queue-server|" queue-server/systemd/queue-server.service > "$work/queue-server.service"
# With the queue-server package's drop-in (its settings in /etc/queue-server), which verify reads beside the unit.
mkdir -p "$work/queue-server.service.d"
sed "s|/usr/bin/queue-server|$server_bin/queue-server|" systemd/queue-server.service.d/package.conf \
    > "$work/queue-server.service.d/package.conf"
systemd-analyze verify --man=no "$work/queue-server.service"
systemd-analyze security --offline=true --threshold=20 --no-pager "$work/queue-server.service" | tail -1
echo "systemd units: ok"
