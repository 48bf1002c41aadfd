#!/usr/bin/env bash
# The city load test at full length (issue 12 #6): 3 sites × 10 kiosks × 2 counters against one
# queue server, a working day compressed, each kiosk online, offline on a lease, synced, online again,
# the counters calling, and KILLS (default 5) kill -9 of the server; prints the counts.
# Usage: scripts/city-load.sh [TICKETS_PER_KIOSK (default 100)] [KILLS (default 5)] [STORE: sqlite|postgres|both (default both)]
# make test runs the short version (24 tickets per kiosk) against both stores as CityLoadTests; the
# PostgreSQL runs use a throwaway cluster the tests start (Debian's postgresql, scripts/ensure-deps.sh test).
set -euo pipefail
cd "$(dirname "$0")/../queue-server"
swift build --build-tests -Xswiftc -warnings-as-errors >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
store="${3:-both}"  # CITY_STORE: empty means both
[ "$store" = both ] && store=""
CITY_TICKETS_PER_KIOSK="${1:-100}" CITY_KILLS="${2:-5}" CITY_STORE="$store" \
    swift test --skip-build --filter CityLoadTests >"$out" 2>&1 || status=$?
grep -E "^city day:|✘|passed after|failed after" "$out" || cat "$out"
exit $status
