// swift-tools-version:6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "swift-permessage-compression",
    products: [
        .library(name: "PerMessageCompression", targets: ["PerMessageCompression"]),
        .library(name: "PMCEBenchmarkKit", targets: ["PMCEBenchmarkKit"]),
        .executable(name: "pmce", targets: ["pmce"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
    ],
    targets: [
        // System-library shims: they only bridge what Swift cannot import.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["libz-dev"])]
        ),
        .systemLibrary(
            name: "CBzip2",
            providers: [.apt(["libbz2-dev"])]
        ),
        .systemLibrary(
            name: "CSnappy",
            pkgConfig: "snappy",
            providers: [.apt(["libsnappy-dev"])]
        ),
        // The CRC32C instruction loop, which needs a target feature Swift cannot enable per
        // function (the snappy framing format's checksum). Plain C, no library.
        .target(name: "CCRC32C"),

        // Negotiation and codecs: depends on the C libraries only.
        .target(
            name: "PerMessageCompression",
            dependencies: ["CZlib", "CBzip2", "CSnappy", "CCRC32C"],
            swiftSettings: upcoming
        ),

        // Benchmark kit: corpora, measurement, reports. Used by `pmce` and `Benchmarks/`.
        .target(
            name: "PMCEBenchmarkKit",
            dependencies: [
                "PerMessageCompression", "CZlib", "CBzip2", "CSnappy",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            swiftSettings: upcoming
        ),

        // The command-line tool: the only target that imports ArgumentParser.
        .executableTarget(
            name: "pmce",
            dependencies: [
                "PerMessageCompression",
                "PMCEBenchmarkKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcoming
        ),

        // Helpers shared by the test targets (running child processes).
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "PerMessageCompressionTests",
            dependencies: ["PerMessageCompression", "TestSupport"],
            swiftSettings: upcoming
        ),

        // Runs the built `pmce` binary, as a user would (swift-argument-parser's example tests).
        .testTarget(
            name: "pmceTests",
            dependencies: ["pmce", "PMCEBenchmarkKit", "TestSupport"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "PMCEBenchmarkKitTests",
            dependencies: ["PMCEBenchmarkKit"],
            exclude: ["Resources"],   // read through #filePath, like the committed Datasets/
            swiftSettings: upcoming
        ),
    ]
)
