// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "hajund",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hajund", targets: ["hajund"]),
        .library(name: "HajunCore", targets: ["HajunCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        // C shim over the system libcurl. Only HajunHTTP imports it.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // zlib, for gzip-compressed log backups. Only the log adapter imports it.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Safe Swift API over libcurl.
        .target(
            name: "HajunHTTP",
            dependencies: ["CCurl"],
            swiftSettings: swiftSettings
        ),
        // Pure core: no I/O. Report model, formats, normalization, hashing, dedup, classification, rules.
        .target(
            name: "HajunCore",
            swiftSettings: swiftSettings
        ),
        // Adapters: config, feed sources, log writer, state store, alert delivery, systemd, runtime.
        .target(
            name: "HajunDaemon",
            dependencies: [
                "HajunCore",
                "HajunHTTP",
                "HajunSimulator",
                "CZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [
                .embedInCode("Resources/hajund.yaml"),
                .embedInCode("Resources/lexicon.yaml"),
                .embedInCode("Resources/gazetteer.yaml"),
            ],
            swiftSettings: swiftSettings
        ),
        // Telegram-style channel simulator: generator and loopback server.
        .target(
            name: "HajunSimulator",
            dependencies: [
                "HajunCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "hajund",
            dependencies: [
                "HajunCore",
                "HajunDaemon",
                "HajunSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Small test doubles shared by the test targets.
        .target(
            name: "HajunTestSupport",
            dependencies: [
                "HajunCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/HajunTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HajunCoreTests",
            dependencies: ["HajunCore", "HajunTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HajunDaemonTests",
            dependencies: ["HajunDaemon", "HajunHTTP", "HajunSimulator", "HajunTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HajunSimulatorTests",
            dependencies: ["HajunSimulator", "HajunCore", "HajunHTTP", "HajunTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HajunEndToEndTests",
            dependencies: ["HajunCore", "HajunTestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
