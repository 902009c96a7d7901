import GRDB
import TaskSequenceModel

/// The provider's SQLite store: one file in WAL mode, every change one transaction.
///
/// Open it once per process; it is safe to share between threads. Reads run concurrently with
/// a write; writes are serialized.
public final class ProviderStore: Sendable {
    /// The database, for code that needs a query the store has no function for.
    public let database: DatabasePool

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // WAL keeps readers off the writer's back; NORMAL sync is durable across a process
            // crash, which is what a daemon killed mid-import needs.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        database = try DatabasePool(path: path, configuration: configuration)
        try StoreSchema.migrator.migrate(database)
    }

    /// Runs `body` in a read-only snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.translatingEngineErrors { try database.read(body) }
    }

    /// Runs `body` in one transaction: everything it does is saved, or nothing is.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.translatingEngineErrors { try database.write(body) }
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
    public static func allocateCollectionID(siteCode: String, in db: Database) throws -> String {
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
