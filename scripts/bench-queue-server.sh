#!/usr/bin/env bash
# Tickets/s and latency of the queue server: release build, fresh database, wrk issuing tickets
# with unique ids (scripts/wrk-issue.lua) from 16 connections for 10 s, five runs.
set -euo pipefail
runs="${RUNS:-5}" seconds="${SECONDS_PER_RUN:-10}" connections="${CONNECTIONS:-16}"
swift build -c release --package-path queue-server -Xswiftc -warnings-as-errors >/dev/null
bin="$(swift build -c release --package-path queue-server --show-bin-path)/queue-server"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for run in $(seq 1 "$runs"); do
    db="$work/run$run.db"
    token=$("$bin" add-token --db "$db" --role kiosk --id bench --catalogue kiosk-config/catalogue-badung-sample.json)
    "$bin" serve --db "$db" --port 0 --always-open >"$work/out$run" 2>/dev/null &
    server=$!
    for _ in $(seq 1 100); do grep -q "^queue-server listening" "$work/out$run" && break; sleep 0.1; done
    port=$(grep "^queue-server listening" "$work/out$run" | sed 's/.*://')
    TOKEN="$token" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s scripts/wrk-issue.lua "http://127.0.0.1:$port" \
        | grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors" | sed "s/^/run $run: /"
    kill "$server"; wait "$server" 2>/dev/null || true
done
