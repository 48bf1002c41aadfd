# kioskd: the two commands a newcomer needs are `make run` and `make test`.
.PHONY: run test build bench tap scan clean server server-bench deb system-test symbol-order

# The import check refuses an import of a module outside a target's dependencies (scripts/check-imports.py asks
# for the direct ones).
SWIFT_FLAGS ?= -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check=error
# Release builds link the Swift standard library and Foundation statically, as the Debian package does
# (debian/rules): kioskd resident after 1,000 tickets 31.2 MiB instead of 34.9 with the shared ones (README).
# They link with lld and pack the 40,000 relative relocations (DT_RELR, glibc 2.36; gold cannot): the dynamic
# linker reads 8 kB of them instead of 968, and kioskd's resident code pages are 0.6 MiB fewer (README).
# They export no symbols: the static Swift library's link arguments ask for -export-dynamic, which put kioskd's
# 6,790 public Swift symbols in its dynamic symbol table, looked up by the dynamic linker for every symbol a
# shared library needs (0.5 MiB resident; nothing looks a symbol up in kioskd, and the debug builds never had them).
# They place first the functions a running kiosk executes (link/kioskd.order, `make symbol-order`), so its code is
# together in a few hundred pages instead of spread over 11 MB (README); a function not listed follows them.
RELEASE ?= -c release --static-swift-stdlib -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic \
	-Xlinker --symbol-ordering-file=$(CURDIR)/link/kioskd.order -Xlinker --no-warn-symbol-ordering

## run: install what is missing, build, and run the kiosk (virtual devices when no hardware is configured;
## make run DEMO=online links the demo kiosk to `make server`; make run EMULATOR="--speed 250 --fault
## paper-out-after=300" gives the demo printer a real print speed and a fault)
run:
	@scripts/ensure-deps.sh
	swift build $(RELEASE) $(SWIFT_FLAGS)
	@KIOSK_DEMO=$(DEMO) KIOSK_EMULATOR_ARGS="$(EMULATOR)" scripts/run-kiosk.sh

# Suites that render or speak every screen: on 2 cores they fill Swift Testing's pool for minutes, and end-to-end
# tests started beside them waited past their time limits; they run in their own invocation.
CPU_BOUND_SUITES = KioskUITests\.|SpeechAudioTests|TapCountTests|OneLanguageTests|ContrastAndTargetTests|TicketGoldenTests|TicketPaperTests|GoldenImageTests

## test: install what is missing, build with warnings as errors, and run every test
test:
	@scripts/ensure-deps.sh test
	@scripts/check-imports.py  # each target declares what it imports (issue 17)
	cd queue-server && swift build $(SWIFT_FLAGS)  # the kiosk's sync tests run the reference server
	swift build --build-tests $(SWIFT_FLAGS)
	swift test --skip-build --skip InTheVM --skip JepsenRunTests --skip "$(CPU_BOUND_SUITES)"
	swift test --skip-build --filter "$(CPU_BOUND_SUITES)"  # after, so no end-to-end test queues behind them past its limit
	swift test --skip-build --filter JepsenRunTests  # two kiosks, a server and kill -9s for 75 s: alone, so no other test waits behind it
	swift test --skip-build --filter InTheVM  # the VM rig (docs/vm-rig.md): QEMU takes a whole core, so it runs alone
	@scripts/fuzz.sh  # every outward parser, 10^6 libFuzzer executions each
	@scripts/check-systemd.sh
	cd queue-server && swift build --build-tests $(SWIFT_FLAGS) && swift test --skip-build --skip KioskSimTests
	cd queue-server && swift test --skip-build --filter KioskSimTests  # simulated days: alone, so the parallel suite does not stretch them past their limit
	@scripts/schemathesis.sh  # docs/queue-api.yaml against the running server: kiosk, staff and no credential
	@STORE=postgres EXAMPLES=15 scripts/schemathesis.sh  # the same on the PostgreSQL store, fewer examples

## server: the reference queue server on port 8080 with the sample catalogue (make server PORT=N DB=PATH)
server:
	@scripts/ensure-deps.sh
	@scripts/run-queue-server.sh $(or $(DB),.run/queue.db) $(or $(PORT),8080)

## server-bench: release build, then tickets/s and latency of the queue server under wrk
server-bench:
	@scripts/ensure-deps.sh bench
	@scripts/bench-queue-server.sh

## bench: release build, then the tap-to-print benchmark (figures printed as median and p99)
bench:
	@scripts/ensure-deps.sh
	swift build $(RELEASE) $(SWIFT_FLAGS)
	"$$(swift build $(RELEASE) --show-bin-path)/kiosk-bench" $(BENCH_ARGS)

## symbol-order: release build, then link/kioskd.order from two kiosk-bench runs under callgrind, and kioskd linked again with it
symbol-order:
	@scripts/ensure-deps.sh bench
	swift build $(RELEASE) $(SWIFT_FLAGS)
	scripts/kioskd-symbol-order.sh "$$(swift build $(RELEASE) --show-bin-path)"
	rm "$$(swift build $(RELEASE) --show-bin-path)/kioskd"  # the flags are the same, so only a missing kioskd is linked again
	swift build $(RELEASE) $(SWIFT_FLAGS) --product kioskd

## deb: Debian packages kioskd and queue-server in dist/ (debhelper, static Swift standard library), checked by lintian
deb:
	@scripts/ensure-deps.sh deb
	@scripts/build-debs.sh

## system-test: `make deb`, then the kioskd package on a debootstrapped Debian 12 booted with systemd under QEMU
## (docs/vm-system.md): install, udev, a ticket, restart, upgrade, reboot, purge. Not part of `make test` (minutes).
system-test: deb
	@scripts/ensure-deps.sh system
	swift build --build-tests $(SWIFT_FLAGS)
	KIOSKD_SYSTEM_TEST_DEBS=$(CURDIR)/dist swift test --skip-build --filter installedSystem

## tap: touch the running demo kiosk at X,Y (make tap X=540 Y=960)
tap:
	"$$(swift build $(RELEASE) --show-bin-path)/kioskctl" --config kiosk-config/demo.json tap $(X) $(Y)

## scan: scan a code with the running demo kiosk's virtual scanner (make scan CODE=BK-…)
scan:
	"$$(swift build $(RELEASE) --show-bin-path)/kioskctl" --config kiosk-config/demo.json scan "$(CODE)"

build:
	@scripts/ensure-deps.sh
	swift build $(SWIFT_FLAGS)

clean:
	rm -rf .build .run queue-server/.build dist debian/generated
