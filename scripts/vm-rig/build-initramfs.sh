#!/usr/bin/env bash
# Builds the rig's initramfs: busybox, the given binaries with every shared library `ldd` lists
# (stripped), the DejaVu fonts, the kernel modules the scenarios need with their dependencies
# resolved by `modprobe --show-depends` from the kernel's own modules.dep, the init script, and
# any files under an extra directory (copied to /rig/ in the guest).
#
# usage: build-initramfs.sh KERNEL_DIR OUTPUT.cpio.gz EXTRA_DIR BINARY...
# The modules come from modules.list next to this script.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

kernel_dir=$1 output=$2 extra=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
version=$(basename "$kernel_dir")
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,run,rig,modules,usr/bin,usr/sbin,etc}
cp /bin/busybox "$root/bin/busybox"
cp "$here/init.sh" "$root/init"
chmod +x "$root/init"

copy_with_path() {  # copy_with_path SOURCE: to the same absolute path inside the image
    local source=$1
    mkdir -p "$root$(dirname "$source")"
    cp -L "$source" "$root$source"
}

for binary in "$@"; do
    cp "$binary" "$root/usr/bin/$(basename "$binary")"
    strip --strip-debug "$root/usr/bin/$(basename "$binary")" 2>/dev/null || true
    ldd "$binary" | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }' | while read -r library; do
        [ -e "$root$library" ] && continue
        copy_with_path "$library"
        strip --strip-debug "$root$library" 2>/dev/null || true
    done
done

for font in /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf \
    /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf; do
    copy_with_path "$font"
done

# Modules in load order, dependencies first, each once.
: >"$root/modules/order"
grep -v '^#' "$here/modules.list" | while read -r module; do
    [ -n "$module" ] || continue
    modprobe -d "$kernel_dir" -S "$version" --show-depends "$module" | awk '$1 == "insmod" { print $2 }'
done | awk '!seen[$0]++' | while read -r path; do
    name=$(basename "$path")
    cp "$path" "$root/modules/$name"
    echo "$name" >>"$root/modules/order"
done

[ -d "$extra" ] && cp -r "$extra"/. "$root/rig/"
(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$output"
