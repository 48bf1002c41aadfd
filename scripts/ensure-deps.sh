#!/usr/bin/env bash
# Installs the Debian packages kioskd needs to build (and, with "test", to run its tests),
# when they are missing. Uses sudo when not root. Swift itself must already be installed.
set -euo pipefail

build_packages=(pkg-config libsqlite3-dev libfreetype-dev libpng-dev libqrencode-dev libcups2-dev libusb-1.0-0-dev libdrm-dev libvncserver-dev
    fonts-dejavu-core libcurl4-openssl-dev libssl-dev libsodium-dev libespeak-ng-dev espeak-ng-data libasound2-dev)
# The VM rig (scripts/vm-rig/): QEMU, a static busybox for the guest, cpio for its initramfs, kmod's
# depmod/modprobe to resolve kernel module dependencies, binutils' strip. python3-venv: schemathesis;
# python3-pip: vncdotool. postgresql: the queue server's PostgreSQL store (tests and bench start a throwaway cluster).
# libfaketime: the Jepsen-style sync run moves a kiosk's and the server's clocks (Tests/SyncTests/Jepsen).
test_packages=(zbar-tools cups qemu-system-x86 busybox-static cpio kmod binutils python3-venv python3-pip postgresql libfaketime)
# valgrind and binutils' objcopy: `make symbol-order` (scripts/kioskd-symbol-order.sh).
bench_packages=(wrk postgresql valgrind binutils)
deb_packages=(debhelper lintian fakeroot dpkg-dev)
# The installed-system test (scripts/vm-system/): a Debian root by debootstrap, an ext4 image of it,
# a static C helper for the guest's devices, and the rig's QEMU, busybox, cpio and kmod.
system_packages=(debootstrap e2fsprogs gcc libc6-dev qemu-system-x86 busybox-static cpio kmod)

wanted=("${build_packages[@]}")
[ "${1:-}" = "test" ] && wanted+=("${test_packages[@]}")
[ "${1:-}" = "bench" ] && wanted+=("${bench_packages[@]}")
[ "${1:-}" = "deb" ] && wanted+=("${deb_packages[@]}")
[ "${1:-}" = "system" ] && wanted+=("${system_packages[@]}")

missing=()
for package in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The test target checks the queue API document against the running server with schemathesis (PyPI),
# in its own virtual environment under queue-server/.build.
venv="$(cd "$(dirname "$0")/.." && pwd)/queue-server/.build/schemathesis"
if [ "${1:-}" = "test" ] && [ ! -x "$venv/bin/st" ]; then
    echo "Installing schemathesis into $venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv"
    # hypothesis 6.130.12: later releases parse whole source files for lambda descriptions, which
    # trips a CPython 3.11 bug ("AST constructor recursion depth mismatch") inside schemathesis.
    "$venv/bin/pip" install --quiet "schemathesis==4.32.5" "hypothesis==6.130.12"
fi

# vncdotool (PyPI) is the real VNC client the display tests connect with.
if [ "${1:-}" = "test" ] && ! command -v vncdo >/dev/null 2>&1; then
    echo "Installing vncdotool (PyPI) for the VNC tests"
    python3 -m pip install --quiet --break-system-packages vncdotool 2>/dev/null || python3 -m pip install --quiet vncdotool
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "Swift 6 is not installed: install the Swift toolchain for Debian 12 from swift.org and put it on PATH." >&2
    exit 1
fi
