// swift-tools-version:6.1
// Classification benchmark: HajunCore (symlinked from the main package) plus the lexicon and gazetteer loaders
// (symlinked from HajunDaemon/Config, with Yams), so it builds without the daemon's other dependencies.
// Run: bench/classify/run.sh
import PackageDescription

let package = Package(
    name: "classify-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0")
    ],
    targets: [
        .target(name: "HajunCore"),
        .target(name: "LexiconLoading", dependencies: ["HajunCore", .product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "ClassifyBench", dependencies: ["HajunCore", "LexiconLoading"]),
    ],
    swiftLanguageModes: [.v6]
)
