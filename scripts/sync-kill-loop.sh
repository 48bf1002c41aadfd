#!/usr/bin/env bash
# Longer kill -9 soak of offline/online issuing and sync than CI runs (CI: 200 cycles).
#   scripts/sync-kill-loop.sh [CYCLES]     (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
(cd queue-server && swift build)
swift build --build-tests
KIOSK_KILL_CYCLES="${1:-5000}" swift test --skip-build --filter printedTicketsSurviveKillNineWhileIssuingAndSyncing
