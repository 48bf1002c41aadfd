#!/usr/bin/env bash
# Fuzzes the kiosk's outward parsers with libFuzzer (Sources/FuzzTargets, one executable, a target
# selected by KIOSK_FUZZ_TARGET).
# usage: scripts/fuzz.sh [RUNS] [TARGET…]   (default 1000000 runs of every target)
#
# Each target starts from its seeds in fuzz/seeds/TARGET. A crash is saved in fuzz/regressions/TARGET/,
# where FuzzTargetsTests replays it in the ordinary test run; commit it with the fix. Targets run two at
# a time (one per core); each prints its executions per second.
#
# SwiftPM links every executable with its own entry point, which would shadow libFuzzer's main, so the
# libraries are built by SwiftPM with the fuzzer instrumentation and the harness is linked here with swiftc.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(touch evemu scan wedge printer-status json server-replies escpos)

scratch=.build-fuzz
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link)
swift build "${flags[@]}" --target FuzzTargets
bin=$(swift build "${flags[@]}" --show-bin-path)
maps=()
for map in Sources/C*/module.modulemap "$bin/CLinux.build/module.modulemap"; do maps+=(-Xcc "-fmodule-map-file=$map"); done
objects=()
for module in KioskCore KioskUI KioskDevices KioskProtocol KioskLink KioskTestSupport CLinux FuzzTargets; do
    objects+=("$bin/$module.build"/*.o)
done
# shellcheck disable=SC2046 # pkg-config prints several flags
swiftc -O -sanitize=fuzzer -parse-as-library -DFUZZING -I "$bin/Modules" "${maps[@]}" -I Sources/CLinux/include \
    $(pkg-config --cflags-only-I freetype2 libpng libusb-1.0 libqrencode sqlite3 libcurl | sed 's/-I/-Xcc -I/g') \
    Sources/kiosk-fuzz/KioskFuzz.swift "${objects[@]}" -o "$scratch/kiosk-fuzz"

# Longest input per target: long enough for several frames, scans or replies, short enough for 10^6 runs.
max_len() {
    case $1 in
        printer-status) echo 64 ;;
        scan) echo 256 ;;
        *) echo 512 ;;
    esac
}

fuzz_one() {
    local target=$1 work=.fuzz/corpus/$1 log=.fuzz/$1.log
    mkdir -p "$work" "fuzz/regressions/$target"
    local started status=0
    started=$(date +%s%N)
    KIOSK_FUZZ_TARGET=$target "$scratch/kiosk-fuzz" -runs="$runs" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=1024 \
        -print_final_stats=1 -artifact_prefix="fuzz/regressions/$target/" "$work" "fuzz/seeds/$target" >"$log" 2>&1 || status=$?
    local executions milliseconds=$((($(date +%s%N) - started) / 1000000))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    if [ "$status" -ne 0 ]; then
        echo "fuzz $target: FAILED after ${executions:-?} executions (log: $log, crash input in fuzz/regressions/$target/)"
        tail -30 "$log"
        return 1
    fi
    echo "fuzz $target: ${executions} executions, 0 crashes, $((milliseconds / 1000)).$(printf %03d $((milliseconds % 1000))) s," \
        "$((executions * 1000 / (milliseconds > 0 ? milliseconds : 1))) exec/s"
}

mkdir -p .fuzz
failed=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    fuzz_one "${targets[i]}" & first=$!
    second=""
    if [ $((i + 1)) -lt ${#targets[@]} ]; then fuzz_one "${targets[i + 1]}" & second=$!; fi
    wait "$first" || failed=1
    if [ -n "$second" ]; then wait "$second" || failed=1; fi
done
exit "$failed"
