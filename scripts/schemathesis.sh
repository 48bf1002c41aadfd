#!/usr/bin/env bash
# Spec and server agree: schemathesis runs docs/queue-api.yaml against a running queue server
# (debug build, fresh database) for every operation, three times: with a kiosk token, a staff
# token and no credential. Exits non-zero on any failure or error. Settings:
# queue-server/schemathesis.toml; EXAMPLES (per operation, default 40) and SEED may be set.
# QUEUE_SERVER=PATH runs that binary (e.g. a release build). STORE=postgres runs the server on
# PostgreSQL instead of SQLite: a throwaway cluster (Debian's postgresql 15, as nobody when run as
# root) in the scratch directory, stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
st=queue-server/.build/schemathesis/bin/st
[ -x "$st" ] || { echo "schemathesis is not installed: run scripts/ensure-deps.sh test" >&2; exit 1; }
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
store=(--db "$work/q.db")
if [ "${STORE:-sqlite}" = postgres ]; then
    pg_scratch_start
    "$pg/createdb" -h "$work" -U queue st
    store=(--store "postgres://queue@/st?host=$work&port=5432" --survey-key "$work/survey-key")
fi
echo "schemathesis against the ${STORE:-sqlite} store"
kiosk=$("$bin" add-token "${store[@]}" --role kiosk --id kiosk-st --may-claim-priority \
    --catalogue kiosk-config/catalogue-badung-sample.json)
staff=$("$bin" add-token "${store[@]}" --role staff --id staff-st)
"$bin" serve "${store[@]}" --port 0 --always-open >"$work/out" 2>&1 &
server=$!
for _ in $(seq 1 100); do grep -q "^queue-server listening" "$work/out" && break; sleep 0.1; done
port=$(grep "^queue-server listening" "$work/out" | sed 's/.*://')
status=0
for who in kiosk staff none; do
    header=()
    [ "$who" = kiosk ] && header=(-H "Authorization: Bearer $kiosk")
    [ "$who" = staff ] && header=(-H "Authorization: Bearer $staff")
    echo "schemathesis with $who credentials:"
    # Run from the scratch directory: schemathesis keeps a cache in ./.schemathesis.
    if ! (cd "$work" && "$root/$st" --config-file "$root/queue-server/schemathesis.toml" run "$root/docs/queue-api.yaml" --url "http://127.0.0.1:$port" \
        "${header[@]}" --checks all --max-examples "${EXAMPLES:-40}" --seed "${SEED:-20261201}" --workers 2 \
        --no-color --warnings off --generation-database none >"$work/st-$who.txt" 2>&1); then
        status=1
        cat "$work/st-$who.txt"
    fi
    grep -E "^ *(Selected|Tested):|generated|failures|passed in|Failures:|Errors:" "$work/st-$who.txt" | sed 's/^/  /'
done
exit $status
