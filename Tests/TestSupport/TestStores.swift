import Foundation
import ProviderStore

/// The engine the store-backed suites run on: `TSPROVIDER_TEST_ENGINE=sqlite` (the default) or
/// `postgresql` (a throwaway cluster, `PostgresServer.shared()`).
public enum TestStoreEngine: String, Sendable {
    case sqlite
    case postgresql

    /// The engine named by `TSPROVIDER_TEST_ENGINE`; SQLite when it is unset or unknown.
    public static var current: TestStoreEngine {
        ProcessInfo.processInfo.environment["TSPROVIDER_TEST_ENGINE"].flatMap { TestStoreEngine(rawValue: $0.lowercased()) } ?? .sqlite
    }
}

/// Fresh stores for tests, on `TestStoreEngine.current`.
public enum TestStores {
    /// A fresh, empty store: a new SQLite file in a new temporary directory, or a new database
    /// on the shared PostgreSQL server. Both are left for the process's exit to clean up (the
    /// server's directory is removed with it; SQLite directories live under /tmp).
    public static func makeStore(engine: TestStoreEngine = .current) throws -> ProviderStore {
        try ProviderStore(location: makeLocation(engine: engine))
    }

    /// Where a fresh store would live, without opening it (for tests that open it twice).
    public static func makeLocation(engine: TestStoreEngine = .current) throws -> StoreLocation {
        switch engine {
        case .sqlite:
            let directory = try TemporaryDirectory()
            SQLiteDirectories.keep(directory)
            return .sqlite(path: directory.path + "/store.sqlite")
        case .postgresql:
            return .postgresql(try PostgresServer.shared().createDatabase())
        }
    }
}

/// SQLite stores' directories, kept until the process exits (the store has no way to hand them
/// back), then removed.
private enum SQLiteDirectories {
    nonisolated(unsafe) private static var directories: [TemporaryDirectory] = []
    private static let lock = NSLock()
    nonisolated(unsafe) private static var registered = false

    static func keep(_ directory: TemporaryDirectory) {
        lock.lock()
        defer { lock.unlock() }
        directories.append(directory)
        if !registered {
            registered = true
            atexit { SQLiteDirectories.removeAll() }
        }
    }

    private static func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        directories.removeAll()
    }
}
