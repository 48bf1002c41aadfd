#!/usr/bin/env bash
# kioskd-symbol-order.sh BIN_DIR: writes link/kioskd.order, the functions of kioskd that two kiosk-bench runs
# execute (30 tickets to the TCP printer emulator, 30 to a file), as callgrind sees them, in the order it
# first meets them. Release builds place these first in kioskd's code (lld --symbol-ordering-file, Makefile): a
# running kiosk's code is then a few hundred pages together instead of pages all over 11 MB, each fault mapping
# the file pages around it. `make symbol-order` builds, runs this and relinks; rerun it when the code has changed
# much (a function missing from the list is only placed after the others).
set -euo pipefail
bin=$1
out="$(cd "$(dirname "$0")/.." && pwd)/link/kioskd.order"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$bin/kiosk-bench" "$bin/kiosk-printer-emulator" "$bin/kioskctl" "$work/"
objcopy --strip-debug "$bin/kioskd" "$work/kioskd.real"  # Debian 12's valgrind cannot read DWARF 5
cat >"$work/kioskd" <<SCRIPT
#!/bin/sh
exec valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" --compress-strings=no --compress-pos=no \
    --demangle=no --dump-instr=no --dump-line=no --read-inline-info=no "$work/kioskd.real" "\$@"
SCRIPT
chmod +x "$work/kioskd"
for printer in tcp file; do "$work/kiosk-bench" --runs 1 --tickets 30 --printer "$printer" >/dev/null; done
{
    echo "# kioskd's functions a kiosk-bench run executes, placed first in its code (scripts/kioskd-symbol-order.sh)."
    # fn= names the function whose costs follow, within the object named by the last ob=; callgrind marks a
    # recursion's depth with 'N and a function without a symbol by its address.
    cat "$work"/callgrind.* | awk '
        /^ob=/ { ours = ($0 ~ /\/kioskd\.real$/) }
        /^fn=/ && ours { name = substr($0, 4); sub(/'\''[0-9]+$/, "", name); if (name !~ /^0x/ && !seen[name]++) print name }'
} >"$out"
echo "$(($(wc -l <"$out") - 1)) functions in $out"
