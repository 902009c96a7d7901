import CSQLiteSupport
import GRDB
import GRDBSQLite
import TaskSequenceModel

/// Where a store lives: the embedded SQLite file (the default), or a PostgreSQL database that
/// several providers share.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgresql(PostgresConfiguration)
}

/// The provider's store: every change one transaction, on SQLite (one file in WAL mode) or on
/// PostgreSQL (a small pool of libpq connections).
///
/// Open it once per process; it is safe to share between threads. Reads run concurrently with
/// a write; writes are serialized (on PostgreSQL, across every provider of the database).
public final class ProviderStore: Sendable {
    private enum Engine: Sendable {
        case sqlite(DatabasePool)
        case postgresql(PostgresPool)
    }

    private let engine: Engine
    /// SQLite's checkpoints, off the writer's back (none on PostgreSQL).
    let checkpointer: WALCheckpointer?

    /// The SQLite database, for SQLite-specific code and tests (PRAGMAs); throws on PostgreSQL.
    public var database: DatabasePool {
        get throws(StoreError) {
            guard case .sqlite(let pool) = engine else {
                throw StoreError.engine("this store is on PostgreSQL; SQLite's database is not available")
            }
            return pool
        }
    }

    /// Which SQL the store's engine speaks.
    public var dialect: SQLDialect {
        switch engine {
        case .sqlite: .sqlite
        case .postgresql: .postgresql
        }
    }

    /// Opens (creating if needed) the SQLite store at `path` and brings its schema up to date.
    public convenience init(path: String) throws {
        try self.init(location: .sqlite(path: path))
    }

    /// Opens the store at `location` and brings its schema up to date. On PostgreSQL the server
    /// must be reachable now (`StoreError.unavailable` naming host and database otherwise); later
    /// failures are survived by reconnecting.
    public convenience init(location: StoreLocation) throws {
        try self.init(location: location, postgresMigrations: PostgresSchema.migrations)
    }

    /// As `init(location:)`, with the PostgreSQL migrations given (tests of the migrator).
    public convenience init(location: StoreLocation, postgresMigrations: [PostgresMigration]) throws {
        try self.init(location: location, postgresMigrations: postgresMigrations, checkpointThreshold: WALCheckpointer.defaultThreshold)
    }

    /// As `init(location:postgresMigrations:)`, checkpointing an SQLite store's log from
    /// `checkpointThreshold` pages on (tests of the checkpointer).
    init(location: StoreLocation, postgresMigrations: [PostgresMigration], checkpointThreshold: Int32) throws {
        switch location {
        case .sqlite(let path):
            let pool = try Self.openSQLite(path: path)
            engine = .sqlite(pool)
            checkpointer = WALCheckpointer(pool: pool, path: path, threshold: checkpointThreshold)
        case .postgresql(let configuration):
            let pool = PostgresPool(configuration: configuration)
            try PostgresMigrator.migrate(pool, postgresMigrations)
            engine = .postgresql(pool)
            checkpointer = nil
        }
    }

    deinit {
        if case .sqlite(let pool) = engine { checkpointer?.stop(pool: pool) }
    }

    private static func openSQLite(path: String) throws -> DatabasePool {
        // Before SQLite initializes, which the VFS lookup below does: allocations without a
        // process-wide lock (the first store of a process decides; later calls change nothing).
        _ = tsp_sqlite_stop_counting_memory()
        // Each commit's log frames in one write instead of two a page (CSQLiteSupport).
        let registered = tsp_commit_writes_register()
        guard registered == SQLITE_OK else {
            throw StoreError.engine("the SQLite VFS \(TSP_COMMIT_WRITES_VFS) could not be registered (SQLite code \(registered))")
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL keeps readers off the writer's back; NORMAL sync is durable across a process
            // crash, which is what a daemon killed mid-import needs.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // NOCASE eight bytes at a time, in SQLite's own order (CSQLiteSupport): the
            // `…_nocase` indexes compare through it on every insert.
            let replaced = tsp_nocase_collation_register(UnsafeMutableRawPointer(db.sqliteConnection))
            guard replaced == SQLITE_OK else {
                throw StoreError.engine("the NOCASE collation could not be registered (SQLite code \(replaced))")
            }
        }
        let database = try DatabasePool(path: path, configuration: configuration)
        // The writer's statement journals (a multi-row statement or a savepoint inside a larger
        // transaction) stay in memory: on file they were most of an import's page writes. Only
        // the writer, so that a reader's large sort still spills to disk rather than to memory.
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA temp_store = MEMORY") }
        try StoreSchema.migrator.migrate(database)
        return database
    }

    /// Runs `body` in a read-only snapshot.
    public func read<T>(_ body: (StoreDatabase) throws -> T) throws -> T {
        try transaction(readOnly: true, body)
    }

    /// Runs `body` in one transaction: everything it does is saved, or nothing is.
    public func write<T>(_ body: (StoreDatabase) throws -> T) throws -> T {
        try transaction(readOnly: false, body)
    }

    /// Runs `body` in one transaction on whichever engine holds the store: a snapshot when
    /// `readOnly`, else a write that is saved whole or not at all.
    @discardableResult
    public func transaction<T>(readOnly: Bool, _ body: (StoreDatabase) throws -> T) throws -> T {
        switch engine {
        case .sqlite(let pool):
            return try Self.translatingEngineErrors {
                readOnly ? try pool.read { try body($0) } : try pool.write { try body($0) }
            }
        case .postgresql(let pool):
            return try pool.transaction(readOnly: readOnly) { try body($0) }
        }
    }

    /// Calls `handler` with the payload of every `notify(channel:payload:)` committed on the
    /// database, by any provider, until the returned listener is stopped. On PostgreSQL a
    /// connection and thread of its own, listening again after a reconnect; on SQLite nothing
    /// arrives (one process owns the store and signals itself). `reconnected` is called each
    /// time the listener listens again after losing the server: what was sent meanwhile is lost.
    public func listen(channel: String, handler: @escaping @Sendable (String) -> Void,
                       reconnected: @escaping @Sendable () -> Void = {}) throws -> StoreListener {
        switch engine {
        case .sqlite:
            return StoreListener(stop: {})
        case .postgresql(let pool):
            let listener = try PostgresListener(configuration: pool.configuration, channel: channel, handler: handler, reconnected: reconnected)
            return StoreListener(stop: { listener.stop() })
        }
    }

    /// SQLite's failures as `StoreError`, by primary result code: a full disk and a read-only
    /// store get their own cases (what to do about them differs); a trigger's refusal keeps its
    /// message.
    static func translatingEngineErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            if error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER, let message = error.message {
                throw StoreError.refusedByRule(message)
            }
            let detail = "\(error.message ?? "SQLite error") (SQLite code \(error.extendedResultCode.rawValue))"
            switch error.resultCode {
            case .SQLITE_FULL: throw StoreError.full(detail)
            case .SQLITE_READONLY: throw StoreError.readOnly(detail)
            default: throw StoreError.engine(detail)
            }
        }
    }
}

/// A subscription to a store's notifications (`ProviderStore.listen`); `stop()` ends it.
public final class StoreListener: Sendable {
    private let stopAction: @Sendable () -> Void

    init(stop: @escaping @Sendable () -> Void) {
        stopAction = stop
    }

    /// A listener nobody holds stops too (stopping twice is harmless).
    deinit {
        stopAction()
    }

    /// Stops delivering notifications; returns once the handler will not be called again.
    public func stop() {
        stopAction()
    }
}

extension ProviderStore {
    /// Hands out the next free PackageID of a site: the site code plus five hex digits.
    /// IDs of deleted packages are not handed out again.
    public static func allocatePackageID(siteCode: String, in db: StoreDatabase) throws -> String {
        try allocateID(siteCode: siteCode, counter: .packageIDs, in: db) { candidate in
            try PackageKeys.isTaken(candidate, in: db)
        } exhausted: {
            StoreError.packageIDsExhausted(siteCode: siteCode)
        }
    }

    /// Hands out the next free CollectionID of a site, in the PackageID form (`TSP00001`), from
    /// a numbering of its own. IDs of deleted collections are not handed out again.
    public static func allocateCollectionID(siteCode: String, in db: StoreDatabase) throws -> String {
        try allocateID(siteCode: siteCode, counter: .collectionIDs, in: db) { candidate in
            try CollectionRow.exists(db, collectionID: candidate)
        } exhausted: {
            StoreError.collectionIDsExhausted(siteCode: siteCode)
        }
    }

    /// The tables that count the IDs handed out, one row per site.
    private enum IDCounter: String {
        case packageIDs = "packageIDAllocation"
        case collectionIDs = "collectionIDAllocation"
    }

    /// Moves the site's counter on until it names a free ID. The counter's row is bumped before
    /// it is read, so the row lock serializes providers allocating over one database: two never
    /// hand out the same number, even before either has committed.
    private static func allocateID(
        siteCode: String, counter: IDCounter, in db: StoreDatabase, taken: (String) throws -> Bool, exhausted: () -> StoreError
    ) throws -> String {
        let table = counter.rawValue
        while true {
            try db.run("""
                INSERT INTO \(table) (siteCode, lastNumber) VALUES (?, 1)
                ON CONFLICT (siteCode) DO UPDATE SET lastNumber = \(table).lastNumber + 1
                """, [siteCode])
            guard let number = try db.value(Int64.self, "SELECT lastNumber FROM \(table) WHERE siteCode = ?", [siteCode]) else {
                throw StoreError.corrupt("\(table) has no counter for site \(siteCode) right after it was written")
            }
            guard number <= 0xFFFFF else { throw exhausted() }
            let candidate = siteCode + hex5(number)
            if try !taken(candidate) { return candidate }
        }
    }

    private static func hex5(_ number: Int64) -> String {
        let digits = String(number, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
