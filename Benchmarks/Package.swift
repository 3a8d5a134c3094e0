// swift-tools-version:6.1
import PackageDescription

// package-benchmark targets for the codec hot paths. This is a separate package so that
// package-benchmark never enters the dependency graph of the library's users.
let package = Package(
    name: "swift-permessage-compression-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-permessage-compression", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CodecBenchmarks",
            dependencies: [
                .product(name: "PerMessageCompression", package: "swift-permessage-compression"),
                .product(name: "PMCEBenchmarkKit", package: "swift-permessage-compression"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CodecBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ]
)
