#!/usr/bin/env bash
# Tickets/s and latency of the queue server: release build, fresh database per run, wrk from 16
# connections for 10 s, RUNS runs (default 5) of each mix:
#   issue  POST /v1/tickets only, unique ids (scripts/wrk-issue.lua)
#   mixed  issuing and citizen-page reads 1:10 (scripts/wrk-mixed.lua)
# Prints each run's line and the medians. Other load on the machine skews the figures: say what ran.
# STORE=postgres measures the PostgreSQL store instead of SQLite: a throwaway cluster (Debian's
# postgresql 15, default settings, fsync on) in the work directory, a fresh database per run.
# MIXES="issue" runs one mix only. ISSUED_AT=ms: tickets claim the millisecond, not the whole second
# (scripts/wrk-issue.lua). QUEUE_SERVER=PATH measures that binary instead of building one.
# STATEMENTS=1 (PostgreSQL) also counts, with pg_stat_statements, each statement's calls per ticket stored
# and its mean time in PostgreSQL after every run: what a ticket costs, trustworthy on a loaded machine too.
set -euo pipefail
runs="${RUNS:-5}" seconds="${SECONDS_PER_RUN:-10}" connections="${CONNECTIONS:-16}" store="${STORE:-sqlite}"
if [ -n "${QUEUE_SERVER:-}" ]; then
    bin="$QUEUE_SERVER"
else
    swift build -c release --package-path queue-server -Xswiftc -warnings-as-errors >/dev/null
    bin="$(swift build -c release --package-path queue-server --show-bin-path)/queue-server"
fi
work=$(mktemp -d)
server=""
source "$(dirname "$0")/pg-scratch-cluster.sh"
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
    pg_scratch_stop
    rm -rf "$work"
}
trap cleanup EXIT
if [ "$store" = postgres ]; then
    pg_scratch_start
    if [ "${STATEMENTS:-0}" = 1 ]; then
        echo "shared_preload_libraries = 'pg_stat_statements'" >>"$work/pgdata/postgresql.conf"
        "${pg_as_owner[@]}" "$pg/pg_ctl" -D "$work/pgdata" -l "$work/pg.log" -w -o "-c listen_addresses='' -k $work" restart >/dev/null
    fi
fi
sql() { "$pg/psql" -h "$work" -U queue -d "$1" -X -q -At -F ' | ' -c "$2"; }
ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f\n", v }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for mix in ${MIXES:-issue mixed}; do
    : >"$work/$mix.rate"; : >"$work/$mix.p99"
    for run in $(seq 1 "$runs"); do
        db="$work/$mix$run.db"
        if [ "$store" = postgres ]; then
            "$pg/createdb" -h "$work" -U queue "$mix$run"
            db="postgres://queue@/$mix$run?host=$work&port=5432"
        fi
        token=$("$bin" add-token --store "$db" --survey-key "$work/$mix$run.survey-key" --role kiosk --id bench --catalogue kiosk-config/catalogue-badung-sample.json)
        "$bin" serve --store "$db" --survey-key "$work/$mix$run.survey-key" --port 0 --always-open >"$work/out" 2>/dev/null &
        server=$!
        for _ in $(seq 1 100); do grep -q "^queue-server listening" "$work/out" && break; sleep 0.1; done
        port=$(grep "^queue-server listening" "$work/out" | sed 's/.*://')
        [ "${STATEMENTS:-0}" = 1 ] && sql "$mix$run" "CREATE EXTENSION pg_stat_statements; SELECT pg_stat_statements_reset()" >/dev/null
        TOKEN="$token" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "scripts/wrk-$mix.lua" "http://127.0.0.1:$port" >"$work/wrk"
        rate=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk")
        p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk" | ms)
        errors=$(grep -E "Non-2xx|Socket errors" "$work/wrk" | tr -s ' ' | paste -sd ';' || true)
        echo "$mix run $run: $rate requests/s, p99 $p99 ms${errors:+ ($errors)}"
        echo "$rate" >>"$work/$mix.rate"; echo "$p99" >>"$work/$mix.p99"
        if [ "${STATEMENTS:-0}" = 1 ]; then
            tickets=$(sql "$mix$run" "SELECT count(*) FROM tickets")
            echo "  $tickets tickets stored; calls per ticket | mean ms in PostgreSQL | statement:"
            sql "$mix$run" "SELECT round(calls::numeric / greatest($tickets, 1), 3), round(mean_exec_time::numeric, 3),
                left(regexp_replace(query, '\s+', ' ', 'g'), 80) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'
                AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY calls DESC LIMIT 10" | sed 's/^/  /'
        fi
        kill "$server"; wait "$server" 2>/dev/null || true; server=""
    done
    echo "$mix ($store): median $(median <"$work/$mix.rate") requests/s, median p99 $(median <"$work/$mix.p99") ms over $runs runs"
done
