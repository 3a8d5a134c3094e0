// swift-tools-version:6.1
import PackageDescription

/// The libFuzzer target for the WebSocket integration's frame path (`Fuzz/README.md`). A package
/// of its own because the frame path needs swift-nio and swift-websocket, which the plain `swiftc`
/// build of `Scripts/fuzz.sh` does not have. The script builds it, instrumented, with
///
///     swift build -c release --package-path Fuzz/FramePath --scratch-path .build-fuzz/frame-path \
///         --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -g
///
/// Release, without `-enable-testing`, as users build the library (`Fuzz/README.md`, finding 2).
/// SwiftPM passes swiftc `-sanitize=fuzzer` and `-sanitize=address` as two flags, and swiftc keeps
/// only the last: the combined flag after them gives the Swift code both coverage and ASan.
let package = Package(
    name: "frame-path-fuzz",
    dependencies: [
        .package(name: "swift-permessage-compression", path: "../.."),
        // The versions the root Package.swift asks for.
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .executableTarget(
            name: "FramePathFuzz",
            dependencies: [
                .product(name: "PerMessageCompression", package: "swift-permessage-compression"),
                .product(name: "PerMessageCompressionWebSocket", package: "swift-permessage-compression"),
                .product(name: "WSCore", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // No `main`: libFuzzer's calls LLVMFuzzerTestOneInput.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
