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

config=kiosk-config/demo.json
port=9100
mkdir -p .run/tickets .run/state
"$bin/kiosk-printer-emulator" --port "$port" --out .run/tickets &
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
  Tickets  each printed ticket lands in .run/tickets/ as ticket-NNNN.png (and .escpos, the raw bytes).
  Ledger   $bin/kioskctl --config $config tickets
  Stop     Ctrl-C

TXT
"$bin/kioskd" --config "$config"
