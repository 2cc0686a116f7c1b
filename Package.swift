// swift-tools-version:6.1
import PackageDescription

/// Settings every Haven target shares: Swift 6 language mode plus the upcoming features the
/// best server codebases turn on, so that existential types are spelled out (`any`).
/// With `HAVEN_FUZZ=1` (Scripts/fuzz) Haven's own code is built for libFuzzer: coverage-guided,
/// under AddressSanitizer; the dependencies are built as usual. `HAVEN_FUZZ_RUNTIME` names
/// libFuzzer's runtime without its `main` (Scripts/fuzz finds it beside the toolchain's clang):
/// `haven-fuzz` has a `main` of its own, and a debug build, whose entry point SwiftPM renames,
/// would otherwise get libFuzzer's.
let fuzzing = Context.environment["HAVEN_FUZZ"] == "1"
let fuzzerRuntime = Context.environment["HAVEN_FUZZ_RUNTIME"] ?? "libclang_rt.fuzzer_no_main-x86_64.a"
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
] + (fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"]), .define("FUZZING")] : [])

let package = Package(
    name: "Haven",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "haven", targets: ["haven"]),
        .library(name: "HavenCore", targets: ["HavenCore"]),
        .library(name: "HavenStats", targets: ["HavenStats"]),
        .library(name: "HavenLinkage", targets: ["HavenLinkage"]),
        .library(name: "HavenCrypto", targets: ["HavenCrypto"]),
        .library(name: "HavenStore", targets: ["HavenStore"]),
        .library(name: "HavenReports", targets: ["HavenReports"]),
        .library(name: "HavenQR", targets: ["HavenQR"]),
        .library(name: "HavenServer", targets: ["HavenServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Reading XLSX workbooks (ZIP archives), in memory.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Reading files uploaded from a browser form (multipart/form-data).
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Tests only: property-based checks that throw extreme and malformed input at every
        // decoder and validator.
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "HavenCore",
            // Resources are compiled in, so that `haven` is one file to deploy (a copied resource
            // is looked for beside the executable, then at the build's own path, and a missing one
            // stops the program); the linker, which reads the gazetteer on every run, also saves
            // `Bundle.main` listing the executable's whole folder.
            resources: [.embedInCode("Resources/gazetteer.json"), .embedInCode("Resources/common-passwords.txt")],
            swiftSettings: swiftSettings
        ),
        // Record linkage that understands Korean names. Pure, no I/O.
        // Counting the bits two Bloom filters share with the processor's own instruction, chosen
        // at run time (Swift's portable x86-64 build cannot assume it): the whole cost of
        // matching without sharing names.
        .target(name: "CHavenBits"),
        .target(
            name: "HavenLinkage",
            dependencies: ["HavenCore", "CHavenBits", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Statistics: surge detection, small-cell suppression. Pure, Foundation only.
        .target(
            name: "HavenStats",
            swiftSettings: swiftSettings
        ),
        // Seeded data sets that are not anyone's: the demo's records and the linkage benchmark's
        // Korean persons. For `haven demo`, the benchmarks and the tests; the server never links it.
        .target(
            name: "HavenFixtures",
            dependencies: ["HavenCore", "HavenLinkage", "HavenStats"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HavenCrypto",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HavenStore",
            dependencies: [
                "HavenCore",
                "HavenCrypto",
                // The search index finds a name by its sound in any spelling (Kim Jong-suk → 김정숙).
                "HavenLinkage",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // What reports, dossiers, suggestions and sweeps compute, for the server and the command
        // line alike; rendering (HTML, PDF) stays in the server.
        // Spreadsheets in: CSV (UTF-8 or Korean Excel's CP949) and XLSX read in memory into
        // sheets of cells, with limits checked before anything is inflated.
        .target(
            name: "HavenImport",
            dependencies: [
                "HavenCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HavenReports",
            dependencies: [
                "HavenCore",
                "HavenStore",
                "HavenStats",
                "HavenLinkage",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // QR codes for enrolling an authenticator app by scanning (no QR library is in the
        // mirror). Pure, no dependencies.
        .target(
            name: "HavenQR",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HavenServer",
            dependencies: [
                "HavenQR",
                "HavenCore",
                "HavenCrypto",
                "HavenStore",
                "HavenStats",
                "HavenLinkage",
                "HavenReports",
                "HavenImport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // Compiled in, as HavenCore's are.
            resources: [.embedInCode("Resources/static/haven.css")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "haven",
            dependencies: ["HavenImport", "HavenFixtures", 
                "HavenCore",
                "HavenStats",
                "HavenLinkage",
                "HavenCrypto",
                "HavenStore",
                "HavenReports",
                "HavenServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "haven-bench",
            dependencies: ["HavenImport", "HavenFixtures", 
                "HavenCore",
                "HavenCrypto",
                "HavenStore",
                "HavenReports",
                "HavenServer",
                "HavenStats",
                "HavenLinkage",
                "CHavenBits",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Every parser of outside bytes behind one command: libFuzzer's targets in a fuzzing
        // build (Scripts/fuzz), a replay of files through them in an ordinary one.
        .executableTarget(
            name: "haven-fuzz",
            dependencies: ["HavenCore", "HavenCrypto", "HavenImport", "HavenLinkage", "HavenStats", "HavenServer"],
            swiftSettings: swiftSettings,
            // libFuzzer's runtime, linked with LLVM's linker (the system's gold fails on it).
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=address", "-use-ld=lld", "-Xlinker", fuzzerRuntime])] : []
        ),
        // Writes the seeded Korean test set of the linkage benchmark (Scripts/bench-linkage).
        .executableTarget(
            name: "haven-linkage-data",
            dependencies: ["HavenFixtures", "HavenCore", "HavenLinkage", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // Helpers shared by the test targets (a log capture, temporary directories, tags); not part of
        // any product.
        .target(
            name: "HavenTestSupport",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/Support",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenCoreTests",
            dependencies: ["HavenFixtures", "HavenCore", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenLinkageTests",
            dependencies: ["HavenFixtures", "HavenLinkage", "HavenCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenStatsTests",
            dependencies: ["HavenStats", "HavenFixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenImportTests",
            dependencies: ["HavenImport", "HavenCore", "HavenTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenQRTests",
            dependencies: ["HavenQR", "HavenTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenCryptoTests",
            dependencies: ["HavenCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenStoreTests",
            dependencies: ["HavenFixtures", 
                "HavenStore", "HavenCore", "HavenCrypto", "HavenTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "havenTests",
            dependencies: [
                "haven", "HavenTestSupport", "HavenStore", "HavenCore", "HavenCrypto", "HavenServer", "HavenReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenFuzzTests",
            dependencies: ["haven-fuzz"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HavenServerTests",
            dependencies: ["HavenFixtures", 
                "HavenServer", "HavenQR", "HavenReports", "HavenStore", "HavenCore", "HavenCrypto", "HavenStats", "HavenTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
