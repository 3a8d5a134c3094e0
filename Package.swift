// swift-tools-version:6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// What the swift-websocket integration builds on: this package's SwiftNIO handler, swift-websocket's
/// core and the NIO, HTTP and logging types it speaks.
let webSocketCore: [Target.Dependency] = [
    "PerMessageCompressionNIO",
    .product(name: "WSCore", package: "swift-websocket"),
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOWebSocket", package: "swift-nio"),
    .product(name: "HTTPTypes", package: "swift-http-types"),
    .product(name: "Logging", package: "swift-log"),
]

/// What a Hummingbird server and a swift-websocket client over this package's integration need:
/// `pmce serve` / `pmce client` and the WebSocket tests.
let webSocketStack: [Target.Dependency] = [
    "PerMessageCompressionWebSocket",
    .product(name: "Hummingbird", package: "hummingbird"),
    .product(name: "HummingbirdCore", package: "hummingbird"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
    .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
    // swift-websocket's own permessage-deflate, side by side in `pmce serve` and the wire benchmark.
    .product(name: "WSCompression", package: "swift-websocket"),
] + webSocketCore

let package = Package(
    name: "swift-permessage-compression",
    products: [
        .library(name: "PerMessageCompression", targets: ["PerMessageCompression"]),
        .library(name: "PMCEBenchmarkKit", targets: ["PMCEBenchmarkKit"]),
        .executable(name: "pmce", targets: ["pmce"]),
        // The three extensions for swift-websocket (and so Hummingbird): a product of its own,
        // so that users of `PerMessageCompression` alone build none of NIO.
        .library(name: "PerMessageCompressionWebSocket", targets: ["PerMessageCompressionWebSocket"]),
        // The three extensions for a SwiftNIO pipeline (and so Vapor): a channel handler and the
        // two halves of negotiation, on swift-nio's NIOWebSocket only.
        .library(name: "PerMessageCompressionNIO", targets: ["PerMessageCompressionNIO"]),
        // Vapor routes and a websocket-kit client with compression: the only product that builds Vapor.
        .library(name: "PerMessageCompressionVapor", targets: ["PerMessageCompressionVapor"]),
        // A Vapor echo server with compression, for the Autobahn TestSuite and interop tests.
        .executable(name: "pmce-vapor-echo", targets: ["PMCEVaporEcho"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/websocket-kit", from: "2.16.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
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
            name: "CLibdeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
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
            dependencies: ["CZlib", "CBzip2", "CSnappy", "CCRC32C", "CLibdeflate"],
            swiftSettings: upcoming
        ),

        // SwiftNIO integration: frame-by-frame compression as a `ChannelDuplexHandler`, and the
        // per-connection frame logic the swift-websocket integration shares.
        .target(
            name: "PerMessageCompressionNIO",
            dependencies: [
                "PerMessageCompression",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: upcoming
        ),

        // Vapor integration: `compressedWebSocket` routes through Vapor's public `Upgrader`, and a
        // connect function that ends in websocket-kit's `WebSocket.client(on:)`.
        .target(
            name: "PerMessageCompressionVapor",
            dependencies: [
                "PerMessageCompression",
                "PerMessageCompressionNIO",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: upcoming
        ),

        // `pmce-vapor-echo`: Vapor's echo server for the TestSuite, apart from `pmce`.
        .executableTarget(
            name: "PMCEVaporEcho",
            dependencies: ["PerMessageCompression", "PerMessageCompressionVapor", .product(name: "Vapor", package: "vapor")],
            swiftSettings: upcoming
        ),

        // swift-websocket integration: the extensions as `WebSocketExtensionFactory` values.
        .target(
            name: "PerMessageCompressionWebSocket",
            dependencies: ["PerMessageCompression", .product(name: "NIOPosix", package: "swift-nio")] + webSocketCore,
            swiftSettings: upcoming
        ),

        // The runner's C limit: each codec's per-message work in plain C on the same libraries
        // (`pmce bench --reference`). Not a shim, and the library never depends on it.
        .target(
            name: "CReferenceCodecs",
            dependencies: ["CZlib", "CBzip2", "CSnappy", "CCRC32C", "CLibdeflate"],
            linkerSettings: [.linkedLibrary("z"), .linkedLibrary("bz2"), .linkedLibrary("snappy"), .linkedLibrary("deflate")]
        ),

        // Benchmark kit: corpora, measurement, reports. Used by `pmce` and `Benchmarks/`.
        .target(
            name: "PMCEBenchmarkKit",
            dependencies: [
                "PerMessageCompression", "CZlib", "CBzip2", "CSnappy", "CLibdeflate", "CReferenceCodecs",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            swiftSettings: upcoming
        ),

        // Other Swift implementations the codec runner times beside this package's codecs
        // (`pmce bench --peer`): compress-nio as swift-websocket drives it.
        .target(
            name: "PMCEPeers",
            dependencies: [
                "PerMessageCompression", "PMCEBenchmarkKit",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: upcoming
        ),

        // The command-line tool: the only target that imports ArgumentParser.
        .executableTarget(
            name: "pmce",
            dependencies: [
                "PerMessageCompression",
                "PMCEBenchmarkKit",
                "PMCEPeers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + webSocketStack,
            swiftSettings: upcoming
        ),

        // Helpers shared by the test targets (running child processes).
        .target(
            name: "TestSupport",
            dependencies: ["PerMessageCompression"],
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
        // Real WebSocket connections on loopback: a Hummingbird server and swift-websocket's client.
        .testTarget(
            name: "PerMessageCompressionWebSocketTests",
            dependencies: ["TestSupport"] + webSocketStack,
            swiftSettings: upcoming
        ),
        // Vapor routes and the websocket-kit client with compression, over real connections.
        .testTarget(
            name: "PerMessageCompressionVaporTests",
            dependencies: [
                "PerMessageCompressionVapor", "PerMessageCompressionNIO", "PerMessageCompression", "TestSupport",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
            ],
            swiftSettings: upcoming
        ),
        // compress-nio timed beside the codecs: the same bytes, its rows in every report.
        .testTarget(
            name: "PMCEPeersTests",
            dependencies: ["PMCEPeers", "PMCEBenchmarkKit", "PerMessageCompression"],
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
