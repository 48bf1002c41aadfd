#!/usr/bin/env bash
# Boots Debian's kernel under QEMU (TCG, no network device) with the rig's initramfs and runs the
# named scenarios inside, one after another, in one boot. Prints the guest's RIG-* lines; the whole
# console goes to $RIG_LOG (default: a temporary file, named on the last line).
#
# usage: run.sh SCENARIO[,SCENARIO...] [EXTRA_DIR]
#   EXTRA_DIR: files the scenarios read, copied to /rig in the guest.
# env:  KIOSKD_BIN_DIR  where kioskd and kiosk-rig-agent are (default: swift build --show-bin-path)
#       RIG_DEADLINE    seconds for the whole boot before QEMU is killed (default 300)
# Exit status: 0 when the guest finished (read the RIG-RESULT lines), 124 when it hit the deadline.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scenarios=$1
extra=${2:-/nonexistent}
bin_dir=${KIOSKD_BIN_DIR:-$(cd "$here/../.." && swift build --show-bin-path)}
deadline=${RIG_DEADLINE:-300}
log=${RIG_LOG:-$(mktemp /tmp/kioskd-vm-rig-XXXXXX.log)}

elapsed() { awk -v start="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - start }'; }

kernel_dir=$("$here/fetch-kernel.sh")
initramfs=$(mktemp /tmp/kioskd-vm-rig-XXXXXX.cpio.gz)
trap 'rm -f "$initramfs"' EXIT
started=$(date +%s.%N)
"$here/build-initramfs.sh" "$kernel_dir" "$initramfs" "$extra" "$bin_dir/kioskd" "$bin_dir/kiosk-rig-agent"
echo "RIG-HOST initramfs_s=$(elapsed "$started") bytes=$(stat -c %s "$initramfs")"

status=0
booted=$(date +%s.%N)
timeout --signal=KILL "$deadline" qemu-system-x86_64 -accel tcg -smp 1 -m 1024 -no-reboot \
    -kernel "$kernel_dir/vmlinuz" -initrd "$initramfs" \
    -append "console=ttyS0 quiet panic=-1 rig.scenarios=$scenarios" \
    -display none -vga std -nic none -serial file:"$log" -monitor none </dev/null || status=$?
echo "RIG-HOST qemu_s=$(elapsed "$booted")"
grep -a '^RIG-' "$log" | tr -d '\r' || true
if [ "$status" -ne 0 ] || ! grep -q '^RIG-DONE' "$log"; then
    echo "RIG-HOST FAILED: QEMU status $status (137: killed at the ${deadline} s deadline); guest console:"
    tail -n 80 "$log" | tr -d '\r' | sed 's/^/  console| /'
    echo "RIG-HOST console $log"
    exit 124
fi
echo "RIG-HOST console $log"
