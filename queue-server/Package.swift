// swift-tools-version:6.0
// The reference queue server: one source of truth for tickets across kiosks and counters.
// The wire types come from the kiosk package (KioskProtocol), so the format has one definition; its SQLite
// wrapper (KioskSQLite) is the kiosk's. The server does not link the kiosk's link (KioskLink, libcurl); its tests do.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// What the simulator and the tests take from the kiosk package: its real core, link, wire types and SQLite wrapper.
let kioskParts: [Target.Dependency] = [
    .product(name: "KioskLink", package: "kioskd"),
    .product(name: "KioskProtocol", package: "kioskd"),
    .product(name: "KioskCore", package: "kioskd"),
    .product(name: "KioskSQLite", package: "kioskd"),
]

let package = Package(
    name: "queue-server",
    products: [
        .executable(name: "queue-server", targets: ["queue-server"]),
        .executable(name: "kiosk-sim", targets: ["kiosk-sim"]),
    ],
    dependencies: [
        .package(name: "kioskd", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.0"),
        // The PostgreSQL store's client (ServerCommand's --store postgres://…).
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Imported directly (event loops, logging, HTTP types on channels); already dependencies of the above.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.0.0"),
        // HTTP field names for the in-process server (InProcessQueueServer); already a dependency of Hummingbird.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        // SHA-256 for bearer tokens, from OpenSSL's libcrypto (Debian libssl-dev).
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(
            name: "QueueServer",
            dependencies: [
                .product(name: "KioskProtocol", package: "kioskd"),
                .product(name: "KioskCore", package: "kioskd"),
                .product(name: "KioskSQLite", package: "kioskd"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                "CCrypto",
            ],
            swiftSettings: strict),
        .executableTarget(name: "queue-server", dependencies: ["QueueServer"], swiftSettings: strict),
        // kiosk-sim (issue 17): kiosks with their real core and link state, the server in-process, a simulated
        // clock and network, faults from one seed, and the invariants checked.
        .target(
            name: "KioskSim",
            dependencies: ["QueueServer"] + kioskParts,
            swiftSettings: strict),
        .executableTarget(name: "kiosk-sim", dependencies: ["KioskSim"], swiftSettings: strict),
        .testTarget(name: "KioskSimTests", dependencies: ["KioskSim"], swiftSettings: strict),
        .testTarget(
            name: "QueueServerTests",
            dependencies: ["QueueServer"] + kioskParts + [.product(name: "Yams", package: "Yams")],
            // Earlier versions' schemas, read by SchemaVersionTests from the source tree.
            exclude: ["Schemas"],
            swiftSettings: strict),
    ]
)
