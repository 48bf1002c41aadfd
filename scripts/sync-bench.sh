#!/usr/bin/env bash
# Sync benchmarks (release builds): offline issue, online issue, sync of 10,000 tickets; and the
# resident memory of libcurl versus URLSession for the same 200 requests.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd queue-server && swift build -c release)
swift build -c release --product sync-bench
export QUEUE_SERVER="$PWD/queue-server/.build/release/queue-server"
bench="$(swift build -c release --show-bin-path)/sync-bench"
"$bench" "${1:-3}"
# Memory: one process per client against a server started here.
dir=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null; rm -rf "$dir"' EXIT
"$QUEUE_SERVER" add-token --db "$dir/q.db" --role staff --id s --catalogue kiosk-config/catalogue-badung-sample.json >/dev/null
"$QUEUE_SERVER" serve --db "$dir/q.db" --port 0 >"$dir/out" 2>/dev/null &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$dir/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*listening on .*:\([0-9]*\)$/\1/p' "$dir/out")
"$bench" memory curl "http://127.0.0.1:$port"
"$bench" memory urlsession "http://127.0.0.1:$port"
