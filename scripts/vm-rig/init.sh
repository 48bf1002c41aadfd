#!/bin/busybox sh
# The guest's PID 1: mounts the kernel file systems, loads the modules in dependency order, runs the
# scenarios named on the kernel command line (rig.scenarios=a,b) with kiosk-rig-agent, and powers off.
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
for module in $(cat /modules/order); do
    insmod "/modules/$module" || echo "RIG-LOG insmod $module failed"
done
grep -q configfs /proc/mounts || mount -t configfs none /sys/kernel/config
mount -t debugfs debugfs /sys/kernel/debug
# The host's directory for what the guest hands back (screendumps' snapshots), when run.sh shares one.
mkdir -p /rig-out && mount -t 9p -o trans=virtio,version=9p2000.L rigout /rig-out || echo "RIG-LOG no 9p share rigout"
scenarios=$(sed -n 's/.*rig\.scenarios=\([^ ]*\).*/\1/p' /proc/cmdline)
echo "RIG-BOOTED uptime=$(cut -d' ' -f1 /proc/uptime)"
# Each scenario has its own deadline (rig.deadline=SECONDS, default 150): a hung one is killed, reported
# as failed, and the next one runs.
deadline=$(sed -n 's/.*rig\.deadline=\([0-9]*\).*/\1/p' /proc/cmdline)
for scenario in $(echo "$scenarios" | tr ',' ' '); do
    timeout -s KILL "${deadline:-150}" /usr/bin/kiosk-rig-agent "$scenario" /rig ||
        echo "RIG-RESULT $scenario.deadline FAIL killed or failed with status $? (deadline ${deadline:-150} s)"
done
echo "RIG-DONE"
poweroff -f
