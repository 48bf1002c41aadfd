#!/usr/bin/env bash
# Starts the reference queue server: creates the database (schema, sample catalogue) on first
# use, makes one kiosk and one staff token the first time, and serves on 127.0.0.1:PORT.
set -euo pipefail
db="${1:-.run/queue.db}" port="${2:-8080}"
mkdir -p "$(dirname "$db")"
swift build -c release --package-path queue-server -Xswiftc -warnings-as-errors
bin="$(swift build -c release --package-path queue-server --show-bin-path)/queue-server"
if [ ! -f "$db" ]; then
    kiosk=$("$bin" add-token --db "$db" --role kiosk --id kiosk-demo --catalogue kiosk-config/catalogue-badung-sample.json)
    staff=$("$bin" add-token --db "$db" --role staff --id staff-demo)
    echo "New database $db. Tokens (shown once, stored only hashed):"
    echo "  kiosk-demo: $kiosk (also in $(dirname "$db")/kiosk-demo.token for kiosk-config/demo-online.json)"
    echo "  staff-demo: $staff"
    (umask 077 && echo "$kiosk" > "$(dirname "$db")/kiosk-demo.token")
fi
exec "$bin" serve --db "$db" --port "$port" --catalogue kiosk-config/catalogue-badung-sample.json --always-open
