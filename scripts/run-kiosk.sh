#!/usr/bin/env bash
# Runs the kiosk. With a production config (/etc/kioskd/kiosk.json or $KIOSKD_CONFIG) it uses the
# real devices that config names; otherwise it runs the demo on virtual devices: a touch FIFO,
# PNG screen snapshots and a printer emulator that turns tickets into PNG files.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(swift build -c release --show-bin-path)
config=${KIOSKD_CONFIG:-/etc/kioskd/kiosk.json}
if [ -f "$config" ]; then
    echo "Running kioskd with $config"
    exec "$bin/kioskd" --config "$config"
fi

# DEMO=online (make run DEMO=online): kiosk-config/demo-online.json, linked to `make server`.
config=kiosk-config/demo${KIOSK_DEMO:+-$KIOSK_DEMO}.json
port=9100
mkdir -p .run/tickets .run/state
# Sample online bookings for today in the kiosk's time zone (WITA, UTC+8): one all day, one for an
# elderly citizen, one for tomorrow (refused as the wrong day). The kiosk re-reads this file at every scan.
today=$(TZ=UTC-8 date +%F)
tomorrow=$(TZ=UTC-8 date -d tomorrow +%F)
cat > .run/state/bookings.json <<JSON
{"bookings": [
  {"code": "BK-DEM01-BADNG-6", "service": "ktp-el", "day": "$today", "window": "00:00-23:59"},
  {"code": "BK-DEM02-BADNG-T", "service": "kartu-keluarga", "day": "$today", "window": "00:00-23:59", "priority": "elderly"},
  {"code": "BK-DEM03-BADNG-9", "service": "ktp-el", "day": "$tomorrow", "window": "09:00-10:00"}
]}
JSON
# KIOSK_EMULATOR_ARGS (make run EMULATOR="--speed 250 --fault paper-out-after=300") makes the
# printer slow or faulty, as kiosk-printer-emulator's header describes.
# shellcheck disable=SC2086
"$bin/kiosk-printer-emulator" --port "$port" --out .run/tickets ${KIOSK_EMULATOR_ARGS:-} &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
sleep 0.5
if ! kill -0 "$emulator" 2>/dev/null; then
    echo "The printer emulator could not listen on port $port (is something else using it?)." >&2
    exit 1
fi

cat <<TXT

No kiosk hardware configured: running the demo on virtual devices ($config).
  Screen   .run/screen.png is rewritten on every change (1080x1920 portrait): open it in an image viewer.
  Touch    make tap X=540 Y=960   (or: $bin/kioskctl --config $config tap X Y)
           Tap anywhere to start, then the buttons you see in .run/screen.png.
  Scan     make scan CODE=BK-DEM01-BADNG-6   (a booking for today; BK-DEM02-BADNG-T is an elderly
           citizen's, BK-DEM03-BADNG-9 is for tomorrow; bookings are in .run/state/bookings.json)
  Tickets  each printed ticket lands in .run/tickets/ as ticket-NNNN.png (and .escpos, the raw bytes).
  Ledger   $bin/kioskctl --config $config tickets
  Stop     Ctrl-C

TXT
"$bin/kioskd" --config "$config"
