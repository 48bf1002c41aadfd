#!/usr/bin/env bash
# Fuzzes scanned-code handling with libFuzzer: classifier, log escaping and printer text mapping.
# usage: scripts/fuzz-scanner.sh [SECONDS]   (default 60; crashes are saved in .fuzz/)
#
# SwiftPM links every executable with its own entry point, which would shadow libFuzzer's
# main, so the libraries are built by SwiftPM with the fuzzer instrumentation and the harness
# is linked here with swiftc.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scratch=.build-fuzz
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link)
swift build "${flags[@]}" --target KioskDevices
bin=$(swift build "${flags[@]}" --show-bin-path)
swiftc -O -sanitize=fuzzer -parse-as-library -DFUZZING -I "$bin/Modules" \
    -Xcc -fmodule-map-file="$bin/CLinux.build/module.modulemap" -I Sources/CLinux/include \
    Sources/scan-fuzzer/ScanFuzzer.swift "$bin"/KioskCore.build/*.o "$bin"/KioskDevices.build/*.o \
    "$bin"/CLinux.build/*.o -o "$scratch/scan-fuzzer"
mkdir -p .fuzz/corpus
printf 'BK-7QH2M-9XKD4-P' > .fuzz/corpus/booking
printf 'TECH-A1B2' > .fuzz/corpus/badge
"$scratch/scan-fuzzer" -max_total_time="$seconds" -max_len=1024 -artifact_prefix=.fuzz/ .fuzz/corpus
