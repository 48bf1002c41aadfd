#!/usr/bin/env bash
# The installed-system test: the kioskd package on a real Debian 12 (debootstrap, cached), booted with
# systemd and udev under QEMU (TCG) on the VM rig's cached Debian kernel. Two boots of one disk:
#   install: dpkg -i OLD/kioskd_*.deb; kioskd READY on VT 1; udev gives a uinput panel and a configfs USB
#            printer to kioskd; a walk prints; restart and an upgrade to NEW/kioskd_*.deb keep the ledger;
#            dpkg -i OLD/queue-server_*.deb: the server READY, /healthz answers
#   reboot:  boot -> first screen time and the slowest units; the ledger survived; a purge of both packages
#            removes what they added
# The newer package is the same kioskd_*.deb repacked with the version VERSION+systemtest1: dpkg replaces
# every file of it, as in a real upgrade.
# Prints the guest's SYS-* lines (SYS-RESULT NAME PASS|FAIL ...); the console goes to $SYSTEM_LOG.
#
# usage: run.sh DEBS_DIR FILES_DIR
#   FILES_DIR: kiosk.json, catalogue.json and touch-plan for the guest (Tests/EndToEndTests/InstalledSystemTests.swift)
# env:  SYSTEM_DEADLINE seconds per boot before QEMU is killed (default 1800: the install boot took 1,539 s
#       at load average 15-19)
# Exit status: 0 when both boots finished (read the SYS-RESULT lines), 124 when one did not.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
here=$(cd "$(dirname "$0")" && pwd)
debs=$1 files=$2
deadline=${SYSTEM_DEADLINE:-1800}
log=${SYSTEM_LOG:-$(mktemp /tmp/kioskd-vm-system-XXXXXX.log)}
elapsed() { awk -v start="$1" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - start }'; }
started=$(date +%s.%N)

kernel_dir=$("$here/../vm-rig/fetch-kernel.sh")
deb=$(ls "$debs"/kioskd_*_amd64.deb | head -n 1)
# The queue-server package may be missing (make deb's pkg.kioskd.noserver profile): its checks then fail.
server_deb=$(ls "$debs"/queue-server_*_amd64.deb 2>/dev/null | head -n 1 || true)
version=$(basename "$kernel_dir")
# The packages kioskd and queue-server depend on (first of each alternative), so the guest installs them
# without a network.
dependencies=$( (dpkg-deb -f "$deb" Depends; echo ,; [ -z "$server_deb" ] || dpkg-deb -f "$server_deb" Depends) |
    tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/ //g' | grep -v '^$' | sort -u)
rootfs=$("$here/make-rootfs.sh" $dependencies)
echo "SYS-HOST rootfs_s=$(elapsed "$started") $rootfs"

work=$(mktemp -d /var/tmp/kioskd-vm-system-XXXXXX)
trap 'rm -rf "$work"' EXIT
staging=$work/root
cp -a "$rootfs/." "$staging"
rm -f "$staging/.kioskd-rootfs-complete"
mkdir -p "$staging/lib/modules" "$staging/root/debs/old" "$staging/root/debs/new" "$staging/root/system-test" \
    "$staging/usr/local/lib/kiosk-system-test" "$staging/etc/systemd/system/multi-user.target.wants"
cp -a "$kernel_dir/lib/modules/$version" "$staging/lib/modules/"
cp "$deb" $server_deb "$staging/root/debs/old/"
dpkg-deb -R "$deb" "$work/repack"
sed -i "s/^Version: .*/&+systemtest1/" "$work/repack/DEBIAN/control"
dpkg-deb -Zgzip -z1 -b "$work/repack" "$staging/root/debs/new/kioskd_newer_amd64.deb" >/dev/null
rm -rf "$work/repack"
cp "$files"/* "$staging/root/system-test/"
gcc -static -O2 -Wall -Werror -o "$staging/usr/local/bin/guest-devices" "$here/guest-devices.c"
install -m 0755 "$here/guest-test.sh" "$staging/usr/local/lib/kiosk-system-test/guest-test.sh"
install -m 0644 "$here/kiosk-system-test.service" "$staging/etc/systemd/system/"
ln -s ../kiosk-system-test.service "$staging/etc/systemd/system/multi-user.target.wants/"
# The test owns the serial console: no login prompt there (agetty would hang up the test's output).
ln -s /dev/null "$staging/etc/systemd/system/serial-getty@ttyS0.service"
# A lean kiosk image, not the product (the package changes none of this): no scrub of LVM snapshots (there are
# none), no pstore archive, no apt or trim timers, and the journal in memory (no flush to /var/log/journal at boot).
for unit in e2scrub_reap.service systemd-pstore.service apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer \
    e2scrub_all.timer fstrim.timer; do
    ln -sf /dev/null "$staging/etc/systemd/system/$unit"
done
mkdir -p "$staging/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\n' >"$staging/etc/systemd/journald.conf.d/kiosk-image.conf"
echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$staging/etc/fstab"
echo kiosk >"$staging/etc/hostname"
truncate -s 0 "$staging/etc/machine-id"
mkfs.ext4 -q -F -L kiosk -d "$staging" "$work/disk.raw" 3G
rm -rf "$staging"

# The initramfs only reaches the disk: busybox, virtio and ext4 with their dependencies, in load order.
initramfs=$work/initramfs
mkdir -p "$initramfs"/{bin,dev,proc,sys,newroot,modules}
cp /bin/busybox "$initramfs/bin/busybox"
install -m 0755 "$here/initramfs-init.sh" "$initramfs/init"
modprobe -d "$kernel_dir" -S "$version" --show-depends -a virtio_pci virtio_blk crc32c_generic ext4 |
    awk '$1 == "insmod" { print $2 }' | awk '!seen[$0]++' | while read -r module; do
    cp "$module" "$initramfs/modules/"
    basename "$module" >>"$initramfs/modules/order"
done
(cd "$initramfs" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initramfs.cpio.gz"
echo "SYS-HOST image_s=$(elapsed "$started") disk_bytes=$(du -B1 "$work/disk.raw" | cut -f1)"

# screen_names PHASE: the NAME of each whole `SYS-SCREEN NAME … now` line the guest printed in this boot.
screen_names() { grep -a '^SYS-SCREEN [a-z]* .* now' "$log.$1" | awk '{ print $2 }'; }
# dump_screens PHASE: each time the guest prints SYS-SCREEN NAME (kioskd is ready), QEMU's monitor writes what
# the DRM display shows to screen-NAME.ppm (the monitor is a pair of FIFOs; its answers are read and dropped).
dump_screens() {
    local done=0 name
    until [ -e "$work/qemu-done.$1" ]; do
        for name in $(screen_names "$1" | tail -n +$(( done + 1 ))); do
            timeout 10 sh -c 'echo "screendump $1" >"$2"' _ "$work/screen-$name.ppm" "$work/monitor.in" || true
            done=$(( done + 1 ))
        done
        sleep 0.5
    done
}
# check_screen NAME: kioskd's screens are light (the agency grid on a pale background) where a login prompt
# or the kernel console is black: PASS when at least half of the dumped bytes are not zero.
check_screen() {
    local file=$work/screen-$1.ppm size total lit
    [ -s "$file" ] || { echo "SYS-RESULT screen-$1 FAIL no screen dump"; return; }
    size=$(head -c 64 "$file" | sed -n 2p)
    total=$(( ${size% *} * ${size#* } * 3 ))
    lit=$(tail -c "$total" "$file" | tr -d '\000' | wc -c)
    if [ $(( lit * 100 / total )) -ge 50 ]; then
        echo "SYS-RESULT screen-$1 PASS the display ($size) is kioskd's: $(( lit * 100 / total ))% of it lit"
    else
        echo "SYS-RESULT screen-$1 FAIL the display ($size) is $(( 100 - lit * 100 / total ))% black: a console, not kioskd"
    fi
    cp "$file" "${log}.screen-$1.ppm"
}

status=0
mkfifo "$work/monitor.in" "$work/monitor.out"
for phase in install reboot; do
    : >"$log.$phase"
    cat "$work/monitor.out" >/dev/null &
    reader=$!
    dump_screens "$phase" &
    dumper=$!
    booted=$(date +%s.%N)
    # Two vCPUs (multi-threaded TCG), as a kiosk PC has at least two cores: kioskd's print worker, its drawing
    # thread and udevd do not take turns on one emulated CPU.
    timeout --signal=KILL "$deadline" qemu-system-x86_64 -accel tcg -smp 2 -m 1024 -no-reboot \
        -kernel "$kernel_dir/vmlinuz" -initrd "$work/initramfs.cpio.gz" \
        -append "console=ttyS0 quiet panic=-1 sys.phase=$phase" \
        -drive "file=$work/disk.raw,format=raw,if=virtio" \
        -display none -vga none -device VGA,edid=on,xres=1080,yres=1920,vgamem_mb=64 -nic none -serial "file:$log.$phase" -monitor "pipe:$work/monitor" </dev/null || status=$?
    touch "$work/qemu-done.$phase"
    wait "$dumper" || true
    kill "$reader" 2>/dev/null || true
    wait "$reader" 2>/dev/null || true
    echo "SYS-HOST boot=$phase qemu_s=$(elapsed "$booted")"
    grep -a '^SYS-' "$log.$phase" | tr -d '\r' || true
    for name in $(screen_names "$phase"); do check_screen "$name"; done
    if [ "$status" -ne 0 ] || ! grep -q "^SYS-DONE $phase" "$log.$phase"; then
        echo "SYS-HOST FAILED: QEMU status $status (137: killed at the ${deadline} s deadline); guest console:"
        tail -n 80 "$log.$phase" | tr -d '\r' | sed 's/^/  console| /'
        exit 124
    fi
done
echo "SYS-HOST total_s=$(elapsed "$started") console $log.install $log.reboot"
