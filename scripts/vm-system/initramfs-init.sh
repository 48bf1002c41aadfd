#!/bin/busybox sh
# PID 1 of the installed-system test's initramfs: loads the modules that reach the root disk (virtio,
# ext4), mounts /dev/vda and hands over to the Debian system's own init, systemd.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for module in $(cat /modules/order); do
    insmod "/modules/$module" || echo "SYS-LOG insmod $module failed"
done
tries=0
while [ ! -b /dev/vda ] && [ "$tries" -lt 300 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
mount -t ext4 -o rw /dev/vda /newroot || { echo "SYS-RESULT boot FAIL cannot mount /dev/vda"; poweroff -f; }
umount /proc /sys /dev
exec switch_root /newroot /sbin/init
