#!/usr/bin/env bash
# Boots Debian's kernel under QEMU (TCG, no network device) with the rig's initramfs and runs the
# named scenarios inside, one after another, in one boot. Prints the guest's RIG-* lines; the whole
# console goes to $RIG_LOG (default: a temporary file, named on the last line).
#
# usage: run.sh SCENARIO[,SCENARIO...] [EXTRA_DIR]
#   EXTRA_DIR: files the scenarios read, copied to /rig in the guest.
# env:  KIOSKD_BIN_DIR  where kioskd and kiosk-rig-agent are (default: swift build --show-bin-path)
#       RIG_DEADLINE    seconds for the whole boot before QEMU is killed (default 300)
#       RIG_OUT         a directory the guest mounts at /rig-out (9p) to hand files back, and where
#                       screendump.py writes QEMU's screendumps (default: a temporary one, removed)
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
control=$(mktemp -d /tmp/kioskd-vm-rig-control-XXXXXX)
out=${RIG_OUT:-$control/out}
mkdir -p "$out" && touch "$out/.rig-out"
helper=""
trap 'rm -f "$initramfs"; [ -z "$helper" ] || kill "$helper" 2>/dev/null; rm -rf "$control"' EXIT
started=$(date +%s.%N)
"$here/build-initramfs.sh" "$kernel_dir" "$initramfs" "$extra" "$bin_dir/kioskd" "$bin_dir/kiosk-rig-agent"
echo "RIG-HOST initramfs_s=$(elapsed "$started") bytes=$(stat -c %s "$initramfs")"

status=0
booted=$(date +%s.%N)
: >"$log"
# The guest's RIG-SCREENDUMP requests are answered through QMP (display-drm).
python3 "$here/screendump.py" "$control/qmp.sock" "$log" "$out" &
helper=$!
# A portrait 1080x1920 panel on bochs DRM (its EDID's preferred mode), with room for two buffers.
timeout --signal=KILL "$deadline" qemu-system-x86_64 -accel tcg -smp 1 -m 1024 -no-reboot \
    -kernel "$kernel_dir/vmlinuz" -initrd "$initramfs" \
    -append "console=ttyS0 quiet panic=-1 rig.scenarios=$scenarios" \
    -display none -vga none -device VGA,edid=on,xres=1080,yres=1920,vgamem_mb=64 \
    -fsdev local,id=rigout,path="$out",security_model=none -device virtio-9p-pci,fsdev=rigout,mount_tag=rigout \
    -qmp unix:"$control/qmp.sock",server=on,wait=off \
    -nic none -serial file:"$log" -monitor none </dev/null || status=$?
echo "RIG-HOST qemu_s=$(elapsed "$booted")"
wait "$helper" 2>/dev/null || echo "RIG-HOST screendump.py ended with status $?"
helper=""
grep -a '^RIG-' "$log" | tr -d '\r' || true
if [ "$status" -ne 0 ] || ! grep -q '^RIG-DONE' "$log"; then
    echo "RIG-HOST FAILED: QEMU status $status (137: killed at the ${deadline} s deadline); guest console:"
    tail -n 80 "$log" | tr -d '\r' | sed 's/^/  console| /'
    echo "RIG-HOST console $log"
    exit 124
fi
echo "RIG-HOST console $log"
