// swift-tools-version:6.1
// Feed-format benchmark: HajunCore (symlinked from the main package) alone, so it builds in seconds.
// Run: bench/formats/run.sh
import PackageDescription

let package = Package(
    name: "formats-bench",
    platforms: [.macOS(.v14)],
    targets: [
        .target(name: "HajunCore"),
        .executableTarget(name: "FormatsBench", dependencies: ["HajunCore"]),
    ],
    swiftLanguageModes: [.v6]
)
