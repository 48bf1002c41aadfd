#!/usr/bin/env bash
# What a ticket costs the PostgreSQL store, counted by the database rather than timed on a loaded machine:
# the issue mix (scripts/wrk-issue.lua) for SECONDS_PER_RUN seconds (default 10) from CONNECTIONS
# connections (default 16) against a queue server on a throwaway cluster with pg_stat_statements, then
# each statement's calls per ticket issued, its mean time in PostgreSQL, and the transactions (group
# commits) per ticket. QUEUE_SERVER=PATH measures that binary (default: the debug build).
set -euo pipefail
seconds="${SECONDS_PER_RUN:-10}" connections="${CONNECTIONS:-16}"
bin="${QUEUE_SERVER:-$(swift build --package-path queue-server --show-bin-path)/queue-server}"
work=$(mktemp -d)
server=""
source "$(dirname "$0")/pg-scratch-cluster.sh"
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
    pg_scratch_stop
    rm -rf "$work"
}
trap cleanup EXIT
pg_scratch_start
echo "shared_preload_libraries = 'pg_stat_statements'" >>"$work/pgdata/postgresql.conf"
"${pg_as_owner[@]}" "$pg/pg_ctl" -D "$work/pgdata" -l "$work/pg.log" -w -o "-c listen_addresses='' -k $work" restart >/dev/null
"$pg/createdb" -h "$work" -U queue rt
db="postgres://queue@/rt?host=$work&port=5432"
sql() { "$pg/psql" -h "$work" -U queue -d rt -X -q -At -F ' | ' -c "$1"; }
token=$("$bin" add-token --store "$db" --role kiosk --id bench --catalogue kiosk-config/catalogue-badung-sample.json)
"$bin" serve --store "$db" --port 0 --always-open >"$work/out" 2>/dev/null &
server=$!
for _ in $(seq 1 100); do grep -q "^queue-server listening" "$work/out" && break; sleep 0.1; done
port=$(grep "^queue-server listening" "$work/out" | sed 's/.*://')
sql "CREATE EXTENSION pg_stat_statements; SELECT pg_stat_statements_reset(); SELECT pg_stat_reset();" >/dev/null
TOKEN="$token" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s scripts/wrk-issue.lua "http://127.0.0.1:$port" >"$work/wrk"
grep -E "Requests/sec|99%|Non-2xx" "$work/wrk" || true
tickets=$(sql "SELECT count(*) FROM tickets")
commits=$(sql "SELECT xact_commit FROM pg_stat_database WHERE datname = 'rt'")
echo "tickets stored: $tickets; transactions committed in the database: $commits (includes reads)"
echo "calls per ticket | mean ms in PostgreSQL | statement"
sql "SELECT round(calls::numeric / greatest($tickets, 1), 3), round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 90)
     FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' ORDER BY calls DESC LIMIT 12"
