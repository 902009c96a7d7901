// swift-tools-version:6.0
import PackageDescription

// Module arrows (DESIGN.md): tsctl → TaskSequenceSDK → DBusKit;
// tsproviderd → ProviderDBus → ProviderCore → ProviderStore / TaskSequenceXML → TaskSequenceModel;
// ProviderCore, ProviderDBus, TaskSequenceSDK, tsctl → ProviderContract → TaskSequenceModel.
let package = Package(
    name: "tsprovider",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DBusKit", targets: ["DBusKit"]),
        .library(name: "TaskSequenceModel", targets: ["TaskSequenceModel"]),
        .library(name: "TaskSequenceXML", targets: ["TaskSequenceXML"]),
        .library(name: "ProviderContract", targets: ["ProviderContract"]),
        .library(name: "TaskSequenceSDK", targets: ["TaskSequenceSDK"]),
        .executable(name: "tsctl", targets: ["tsctl"]),
        .executable(name: "tsproviderd", targets: ["tsproviderd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(name: "CDBus", pkgConfig: "dbus-1", providers: [.apt(["libdbus-1-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // zlib's inflate, for unpacking zip entries with a loop that ends (ZipEntryInflater).
        .systemLibrary(name: "CZlibInflate", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // What the store sets up in SQLite from C: a VFS in front of the default one that writes a
        // commit's log frames in one write (commit_writes.c), and no memory statistics.
        .target(name: "CSQLiteSupport", linkerSettings: [.linkedLibrary("sqlite3")]),
        // libpq, for the PostgreSQL engine (synchronous like the store's transactions; see PostgresDatabase).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // D-Bus binding; knows nothing about task sequences.
        .target(name: "DBusKit", dependencies: ["CDBus"]),

        // Task sequence model and XML codec.
        .target(name: "TaskSequenceModel"),
        .target(
            name: "TaskSequenceXML",
            dependencies: ["TaskSequenceModel", "CLibXML2", "CZlibInflate", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),

        // What the service and its clients share (class names, rights, export formats, error
        // names): declared once, used by both sides.
        .target(name: "ProviderContract", dependencies: ["TaskSequenceModel"]),

        // The provider: persistence.
        .target(
            name: "ProviderStore",
            dependencies: ["TaskSequenceModel", "CLibPQ", "CSQLiteSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),

        .target(
            name: "ProviderCore",
            dependencies: ["ProviderContract", "ProviderStore", "TaskSequenceXML", "TaskSequenceModel"]
        ),

        .target(
            name: "ProviderDBus",
            dependencies: ["ProviderContract", "ProviderCore", "DBusKit", "TaskSequenceModel", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "tsproviderd",
            dependencies: [
                "ProviderDBus", "ProviderCore", "ProviderStore", "DBusKit", "TaskSequenceModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // jemalloc rather than glibc's malloc: about a tenth less CPU an import (docs/performance.md).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),

        // Client library for other programs: typed access to the provider over D-Bus.
        .target(name: "TaskSequenceSDK", dependencies: ["ProviderContract", "DBusKit", "TaskSequenceModel"]),

        // The SDK's five example programs (DocC articles list their code); built and run by
        // TaskSequenceSDKTests so they never rot.
        .target(name: "SDKExamples", dependencies: ["TaskSequenceSDK"], path: "Examples/SDKExamples"),

        // Command line.
        .executableTarget(
            name: "tsctl",
            dependencies: [
                "TaskSequenceSDK", "ProviderContract", "TaskSequenceModel", "TaskSequenceXML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks (`make bench`): one executable, one subcommand per area.
        // TestSupport for the throwaway PostgreSQL cluster of `tsbench engines`.
        .executableTarget(name: "tsbench", dependencies: ["DBusKit", "TaskSequenceModel", "TaskSequenceXML", "ProviderCore", "ProviderStore", "ProviderDBus", "TestSupport"]),

        // Reliability suite (`make stress`): the release daemon under fuzzed calls, kill -9,
        // concurrent writers and many connections, with invariants checked.
        .executableTarget(name: "tsstress", dependencies: ["DBusKit", "ProviderContract", "ProviderDBus", "TaskSequenceModel", "TaskSequenceXML"]),
        // Coverage-guided fuzzing (`make fuzz`): built with -sanitize=fuzzer -DTSFUZZ in its own
        // scratch path; in ordinary builds it replays inputs through the same entry points.
        .executableTarget(name: "tsfuzz", dependencies: ["TaskSequenceXML", "TaskSequenceModel", "ProviderCore", "ProviderStore"]),

        // Tests. TestSupport starts private buses and child processes for end-to-end tests.
        // DaemonHarness runs tsproviderd on a private bus with the project's policy (ProviderDBus.BusPolicy).
        .target(name: "TestSupport", dependencies: ["DBusKit", "ProviderDBus", "ProviderStore"], path: "Tests/TestSupport"),
        .testTarget(name: "TaskSequenceModelTests", dependencies: ["TaskSequenceModel"]),
        .testTarget(
            name: "TaskSequenceXMLTests",
            dependencies: ["TaskSequenceXML", "TaskSequenceModel", "TestSupport", "CLibXML2"]
        ),
        .testTarget(name: "ProviderStoreTests", dependencies: ["ProviderStore", "TaskSequenceModel", "TaskSequenceXML", "TestSupport"]),
        .testTarget(name: "ProviderCoreTests", dependencies: ["ProviderCore", "ProviderStore", "TaskSequenceModel", "TaskSequenceXML", "TestSupport"]),
        .testTarget(
            name: "ProviderDBusTests",
            dependencies: ["ProviderDBus", "ProviderCore", "ProviderStore", "DBusKit", "TaskSequenceModel", "TaskSequenceXML", "TestSupport"]
        ),
        .testTarget(name: "DBusKitTests", dependencies: ["DBusKit", "TestSupport"]),
        .testTarget(name: "TaskSequenceSDKTests", dependencies: ["TaskSequenceSDK", "SDKExamples", "TaskSequenceXML", "TaskSequenceModel", "DBusKit", "TestSupport"]),
        .testTarget(name: "tsctlTests", dependencies: ["tsctl", "TaskSequenceXML", "TaskSequenceModel", "TestSupport"]),
        .testTarget(name: "tsstressTests", dependencies: ["tsstress", "DBusKit"]),
    ],
    swiftLanguageModes: [.v6]
)
