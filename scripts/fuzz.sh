#!/usr/bin/env bash
# Fuzzes the kiosk's outward parsers with libFuzzer (Sources/FuzzTargets, one executable, a target
# selected by KIOSK_FUZZ_TARGET).
# usage: scripts/fuzz.sh [RUNS] [TARGET…]   (default 1000000 runs of every target)
#
# Each target starts from its seeds in fuzz/seeds/TARGET. A crash is saved in fuzz/regressions/TARGET/,
# where FuzzTargetsTests replays it in the ordinary test run; commit it with the fix. Targets run two at
# a time (one per core); each prints its executions per second, by the clock and by CPU time.
#
# SwiftPM links every executable with its own entry point, which would shadow libFuzzer's main, so the
# libraries are built by SwiftPM with the fuzzer instrumentation and the harness is linked here with swiftc.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(evemu json server-replies escpos control touch scan wedge printer-status)  # slowest first

scratch=.build-fuzz
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link)
swift build "${flags[@]}" --target FuzzTargets
bin=$(swift build "${flags[@]}" --show-bin-path)
maps=()
for map in Sources/C*/module.modulemap "$bin/CLinux.build/module.modulemap" "$bin/CLazyLibraries.build/module.modulemap"; do
    maps+=(-Xcc "-fmodule-map-file=$map")
done
# A Swift module's objects are those its output file map names (an object left by a file since moved
# to another module would define its symbols twice); a C module's are all it has.
objects=()
for module in KioskCore KioskSystem KioskUI KioskDevices KioskProtocol KioskLink KioskSQLite KioskTestSupport FuzzTargets; do
    mapfile -t -O "${#objects[@]}" objects < <(python3 -c 'import json, sys
print("\n".join(entry["object"] for source, entry in json.load(open(sys.argv[1])).items() if source.endswith(".swift")))' \
        "$bin/$module.build/output-file-map.json")
done
objects+=("$bin/CLinux.build"/*.o "$bin/CLazyLibraries.build"/*.o)
# shellcheck disable=SC2046 # pkg-config prints several flags
swiftc -O -sanitize=fuzzer -parse-as-library -DFUZZING -I "$bin/Modules" "${maps[@]}" -I Sources/CLinux/include -I Sources/CLazyLibraries/include \
    $(pkg-config --cflags-only-I freetype2 libpng libusb-1.0 libqrencode sqlite3 libcurl | sed 's/-I/-Xcc -I/g') \
    Sources/kiosk-fuzz/KioskFuzz.swift "${objects[@]}" -o "$scratch/kiosk-fuzz"

# Longest input per target: long enough for several frames, scans or replies, short enough for 10^6 runs.
max_len() {
    case $1 in
        printer-status) echo 64 ;;
        scan) echo 256 ;;
        control) echo 4200 ;;  # past the 4096-byte request limit
        *) echo 512 ;;
    esac
}

fuzz_one() {
    local target=$1 work=.fuzz/corpus/$1 log=.fuzz/$1.log times=.fuzz/$1.times
    mkdir -p "$work" "fuzz/regressions/$target"
    local status=0 TIMEFORMAT='%R %U %S'
    # The Swift runtime's backtracer would take a trap before libFuzzer could save the input that caused it.
    { time SWIFT_BACKTRACE=enable=no KIOSK_FUZZ_TARGET=$target "$scratch/kiosk-fuzz" -runs="$runs" \
        -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
        -artifact_prefix="fuzz/regressions/$target/" "$work" "fuzz/seeds/$target" >"$log" 2>&1 || status=$?; } 2>"$times"
    local executions wall cpu
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    read -r wall user system <"$times"
    cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')
    if [ "$status" -ne 0 ]; then
        echo "fuzz $target: FAILED after ${executions:-?} executions (log: $log, crash input in fuzz/regressions/$target/)"
        tail -30 "$log"
        return 1
    fi
    awk -v t="$target" -v n="$executions" -v w="$wall" -v c="$cpu" 'BEGIN {
        printf "fuzz %s: %d executions, 0 crashes, %.1f s (%.1f s CPU), %d exec/s (%d per CPU second)\n", t, n, w, c, n / w, n / c }'
}

mkdir -p .fuzz
failed=0 running=0 started=$SECONDS
for target in "${targets[@]}"; do  # two at a time, one per core
    if [ "$running" -ge 2 ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
    fuzz_one "$target" &
    running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done
echo "fuzz: ${#targets[@]} targets in $((SECONDS - started)) s"
exit "$failed"
