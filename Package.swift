// swift-tools-version:6.0
// The kiosk firmware package: Foundation and Debian C libraries only, no Swift packages.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "kioskd",
    products: [
        .executable(name: "kioskd", targets: ["kioskd"]),
        .executable(name: "kioskctl", targets: ["kioskctl"]),
        .executable(name: "kiosk-printer-emulator", targets: ["kiosk-printer-emulator"]),
        .library(name: "KioskCore", targets: ["KioskCore"]),
        // The queue protocol's wire types and the kiosk's client; queue-server/ uses both.
        .library(name: "KioskProtocol", targets: ["KioskProtocol"]),
        .library(name: "KioskLink", targets: ["KioskLink"]),
        // The SQLite wrapper the kiosk's ledgers and the queue server's store share.
        .library(name: "KioskSQLite", targets: ["KioskSQLite"]),
    ],
    targets: [
        // C libraries from Debian, one system-library target each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // libcurl, libcups and libvncserver: headers only. They and their 36 dependencies are loaded when the
        // configuration uses them (CLazyLibraries), not linked, so a kiosk without them never maps them.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCups", providers: [.apt(["libcups2-dev"])]),
        .systemLibrary(name: "CUSB", pkgConfig: "libusb-1.0", providers: [.apt(["libusb-1.0-0-dev"])]),
        .systemLibrary(name: "CDRM", pkgConfig: "libdrm", providers: [.apt(["libdrm-dev"])]),
        .systemLibrary(name: "CVNCServer", providers: [.apt(["libvncserver-dev"])]),
        // Technicians' PINs as Argon2id hashes (crypto_pwhash_str).
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        // Speech guidance: espeak-ng's Indonesian and English voices (Debian's espeak-ng-data), played through
        // ALSA. Headers only: both are loaded (CLazyLibraries) when a citizen first turns the guidance on.
        .systemLibrary(name: "CEspeakNG", providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(name: "CALSA", providers: [.apt(["libasound2-dev"])]),
        // Tiny C shim for what Swift cannot import from the kernel headers.
        .target(name: "CLinux", cSettings: [.define("_GNU_SOURCE")]),
        // The functions of libcurl, libcups and libvncserver that kioskd calls, as stubs that load the library
        // (dlopen) on first use.
        .target(name: "CLazyLibraries"),

        .target(name: "KioskCore", swiftSettings: strict),
        // The one door for system calls and their one error type (SystemCallError), for every module that makes them.
        .target(name: "KioskSystem", swiftSettings: strict),
        .target(name: "KioskUI", dependencies: ["KioskCore", "CFreeType", "CPNG"], swiftSettings: strict),
        .target(name: "KioskProtocol", swiftSettings: strict),
        // Text to speech for the speech guidance (what is said is decided in KioskCore's SpeechScript).
        .target(name: "KioskSpeech", dependencies: ["KioskCore", "CEspeakNG", "CALSA", "CLazyLibraries"], swiftSettings: strict),
        // One SQLite connection with one door for every call, and schema versions (kiosk and queue server).
        .target(name: "KioskSQLite", dependencies: ["CSQLite"], swiftSettings: strict),
        .target(name: "KioskLink", dependencies: ["KioskCore", "KioskProtocol", "KioskSQLite", "CCurl", "CLazyLibraries"], swiftSettings: strict),
        .target(
            name: "KioskDevices", dependencies: ["KioskCore", "KioskSystem", "CLinux", "CCups", "CLazyLibraries", "CUSB", "CQREncode"],
            swiftSettings: strict),
        // Screens: DRM/KMS, fbdev, PNG snapshots; damaged rectangles copied out of the canvas.
        .target(name: "KioskDisplay", dependencies: ["KioskCore", "KioskSystem", "KioskUI", "CDRM", "CVNCServer", "CLazyLibraries", "CLinux"], swiftSettings: strict),
        .target(
            name: "KioskRuntime",
            dependencies: [
                "KioskCore", "KioskUI", "KioskDisplay", "KioskDevices", "KioskSystem", "KioskLink", "KioskProtocol", "KioskSpeech", "CLinux",
                "CSodium",
            ],
            swiftSettings: strict),
        // Thin executables: all they do is call into KioskRuntime.
        .executableTarget(name: "kioskd", dependencies: ["KioskRuntime"], swiftSettings: strict),
        .executableTarget(name: "kioskctl", dependencies: ["KioskRuntime"], swiftSettings: strict),

        // Test support: printer emulator, event-stream writer, process helpers.
        .target(
            name: "KioskTestSupport",
            dependencies: ["KioskCore", "KioskUI", "KioskDevices", "KioskSystem", "CQREncode", "CLinux"],
            swiftSettings: strict),
        .executableTarget(
            name: "kiosk-printer-emulator", dependencies: ["KioskTestSupport", "KioskCore", "KioskDevices", "KioskUI"], swiftSettings: strict),
        .target(name: "BenchSupport", swiftSettings: strict),
        .executableTarget(name: "kiosk-bench", dependencies: ["KioskTestSupport", "KioskCore", "KioskDevices", "BenchSupport"], swiftSettings: strict),
        // Every outward parser as a libFuzzer target (scripts/fuzz.sh); the executable replays files without libFuzzer.
        .target(
            name: "FuzzTargets",
            dependencies: ["KioskCore", "KioskDevices", "KioskLink", "KioskProtocol", "KioskTestSupport"],
            swiftSettings: strict),
        .executableTarget(name: "kiosk-fuzz", dependencies: ["FuzzTargets"], swiftSettings: strict),
        .executableTarget(name: "kiosk-sync-drill", dependencies: ["KioskLink", "KioskCore", "KioskProtocol"], swiftSettings: strict),
        .executableTarget(name: "sync-bench", dependencies: ["KioskLink", "KioskCore", "KioskProtocol", "KioskTestSupport", "BenchSupport"], swiftSettings: strict),
        .executableTarget(
            name: "display-bench", dependencies: ["KioskRuntime", "KioskDisplay", "KioskDevices", "KioskUI", "KioskCore", "BenchSupport"],
            swiftSettings: strict),
        .executableTarget(name: "touch-bench", dependencies: ["KioskDevices", "KioskCore", "BenchSupport"], swiftSettings: strict),
        .executableTarget(
            name: "scan-bench", dependencies: ["KioskRuntime", "KioskDevices", "KioskLink", "KioskCore", "BenchSupport"], swiftSettings: strict),
        // Runs inside the VM rig's guest (scripts/vm-rig/): makes kernel devices and drives kioskd through them.
        .executableTarget(name: "kiosk-rig-agent", dependencies: ["CLinux"], swiftSettings: strict),

        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore"], swiftSettings: strict),
        .testTarget(name: "KioskUITests", dependencies: ["KioskUI", "KioskCore", "KioskSpeech"], swiftSettings: strict),
        .testTarget(name: "KioskDisplayTests", dependencies: ["KioskDisplay", "KioskUI", "KioskCore"], swiftSettings: strict),
        .testTarget(
            name: "KioskDevicesTests", dependencies: ["KioskDevices", "KioskSystem", "KioskCore", "KioskUI", "KioskTestSupport", "CLinux"], swiftSettings: strict),
        .testTarget(name: "KioskLinkTests", dependencies: ["KioskLink", "KioskCore", "KioskSQLite", "CSQLite"], swiftSettings: strict),
        .testTarget(name: "FuzzTargetsTests", dependencies: ["FuzzTargets"], swiftSettings: strict),
        .testTarget(
            name: "KioskRuntimeTests", dependencies: ["KioskRuntime", "KioskCore", "KioskDevices", "KioskSystem", "KioskLink", "KioskTestSupport", "CLinux"], swiftSettings: strict),
        .testTarget(
            name: "SyncTests", dependencies: ["KioskLink", "KioskProtocol", "KioskCore", "KioskSQLite", "KioskTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "VMRigTests", dependencies: ["KioskTestSupport", "KioskCore", "KioskUI"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests", dependencies: ["KioskTestSupport", "KioskCore", "KioskUI", "KioskLink", "KioskDevices", "KioskProtocol", "KioskSQLite", "CSodium"], swiftSettings: strict),
    ]
)
