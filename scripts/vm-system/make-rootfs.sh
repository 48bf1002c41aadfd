#!/usr/bin/env bash
# Makes (once) a minimal Debian 12 root file system with systemd, udev and the given packages, by
# debootstrap, cached in /var/cache/kioskd-vm-system/bookworm-<hash of the package list> (or
# ~/.cache/kioskd-vm-system when /var/cache is not writable). Prints its path. A new package list makes
# a new root; the old one may be deleted by hand.
#
# usage: make-rootfs.sh PACKAGE...
# env:  DEBIAN_MIRROR (default http://deb.debian.org/debian)
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
cache=/var/cache/kioskd-vm-system
mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ] || cache=${XDG_CACHE_HOME:-$HOME/.cache}/kioskd-vm-system
mkdir -p "$cache"
packages=$(printf '%s\n' systemd systemd-sysv udev dbus kmod "$@" | sort -u | paste -sd, -)
key=$(printf '%s' "$packages" | sha256sum | cut -c1-12)
root=$cache/bookworm-$key
if [ ! -e "$root/.kioskd-rootfs-complete" ]; then
    echo "debootstrap: Debian 12 minbase with $packages into $root" >&2
    rm -rf "$root.tmp"
    debootstrap --variant=minbase --include="$packages" bookworm "$root.tmp" \
        "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2
    rm -rf "$root.tmp/var/cache/apt/archives/"*.deb
    touch "$root.tmp/.kioskd-rootfs-complete"
    mv "$root.tmp" "$root"
fi
echo "$root"
