// swift-tools-version:6.0
import PackageDescription

// Module graph (one direction, one module per pipeline stage):
//   CJsonnet → Jsonnet → Catalog / Functions → Render → Output → Compiler → kfn
//   Runtime (function server) → kfn-runtime;  CRdKafka → Kafka → kfn-runtime consume
//   Verify (runs out/ locally or on a cluster) → kfn verify
//   Catalog / Functions → Migrate (Kubeless custom resources → function folders) → kfn import
let package = Package(
    name: "kfn",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kfn", targets: ["kfn"]),
        .executable(name: "kfn-runtime", targets: ["kfn-runtime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // MARK: compiler
        .systemLibrary(name: "CJsonnet", path: "Sources/CJsonnet"),
        .systemLibrary(name: "CMimalloc", path: "Sources/CMimalloc"),
        .target(name: "Diagnostics"),
        .target(name: "Jsonnet", dependencies: ["CJsonnet", "Diagnostics"]),
        .target(name: "Catalog", dependencies: ["Jsonnet", "Diagnostics"]),
        .target(name: "Functions", dependencies: ["Catalog", "Jsonnet", "Diagnostics",
                                                  .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Render", dependencies: ["Functions", "Catalog", "Jsonnet", "Diagnostics",
                                               .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Output", dependencies: ["Render", "Jsonnet", "Diagnostics", "Yams",
                                               .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Compiler", dependencies: ["Output", "Render", "Functions", "Catalog", "Jsonnet", "Diagnostics", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Migrate", dependencies: ["Catalog", "Functions", "Jsonnet", "Diagnostics", "Yams",
                                                .product(name: "Crypto", package: "swift-crypto"),
                                                .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .executableTarget(name: "kfn", dependencies: [
            "Compiler", "Verify", "Migrate", "Diagnostics", "CMimalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: function server
        .target(name: "Runtime", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .systemLibrary(name: "CRdKafka", path: "Sources/CRdKafka"),
        .target(name: "Kafka", dependencies: [
            "CRdKafka",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "kfn-runtime", dependencies: [
            "Runtime", "Kafka",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: verification of generated manifests
        .target(name: "Verify", dependencies: [
            "Diagnostics", "Jsonnet", "Yams",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),

        // MARK: tests
        .testTarget(name: "JsonnetTests", dependencies: ["Jsonnet"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "Jsonnet", "Diagnostics"], exclude: ["Fixtures"]),
        .testTarget(name: "FunctionsTests", dependencies: ["Functions", "Catalog", "Render", "Output", "Jsonnet"]),
        .testTarget(name: "CompilerTests", dependencies: ["Compiler", "Output", "Diagnostics"],
                    exclude: ["Fixtures", "BadInput"]),
        .testTarget(name: "RuntimeTests", dependencies: [
            "Runtime",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["Functions"]),
        .testTarget(name: "KafkaTests", dependencies: [
            "Kafka",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "VerifyTests", dependencies: ["Verify", "Jsonnet"]),
        .testTarget(name: "MigrateTests", dependencies: ["Migrate", "Yams"], exclude: ["Fixtures"]),
    ]
)
