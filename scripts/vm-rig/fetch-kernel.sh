#!/usr/bin/env bash
# Fetches Debian's kernel package (linux-image-amd64 -> linux-image-<version>) into a cache outside
# the repository, unpacks it and indexes its modules with depmod. Fetches only when the version is
# missing from the cache. Prints the cache directory of the kernel, e.g.
# /var/cache/kioskd-vm-rig/6.1.0-28-amd64, which holds vmlinuz and lib/modules/<version>.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

cache_root=${KIOSKD_VM_RIG_CACHE:-/var/cache/kioskd-vm-rig}
[ -w "$(dirname "$cache_root")" ] || [ -w "$cache_root" ] 2>/dev/null || cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/kioskd-vm-rig"
mkdir -p "$cache_root"

# The versioned package the meta package depends on today, e.g. linux-image-6.1.0-28-amd64.
depends() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'; }
package=$(depends)
if [ -z "$package" ]; then  # a machine whose package lists were cleaned
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    package=$(depends)
fi
if [ -z "$package" ]; then
    echo "vm-rig: apt-cache knows no linux-image-amd64 dependency (run apt-get update)" >&2
    exit 1
fi
version=${package#linux-image-}
target="$cache_root/$version"

if [ ! -f "$target/.complete" ]; then
    echo "vm-rig: fetching $package into $target" >&2
    work=$(mktemp -d "$cache_root/.fetch-XXXXXX")
    chmod 755 "$work"  # apt's _apt user downloads into it
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && apt-get download -qq "$package" >&2)
    dpkg-deb -x "$work"/*.deb "$work/root"
    mkdir -p "$work/out/lib"
    mv "$work/root/boot/vmlinuz-$version" "$work/out/vmlinuz"
    mv "$work/root/lib/modules" "$work/out/lib/modules"
    depmod -b "$work/out" "$version"
    touch "$work/out/.complete"
    rm -rf "$target"
    mv "$work/out" "$target"
fi
echo "$target"
