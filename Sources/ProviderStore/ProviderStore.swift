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
    public static func allocatePackageID(siteCode: String, in db: Database) throws -> String {
        try allocateID(siteCode: siteCode, table: "packageIDAllocation", in: db) { candidate in
            try PackageRow.exists(db, packageID: candidate) || SMSPackageRow.exists(db, packageID: candidate)
        } exhausted: {
            StoreError.packageIDsExhausted(siteCode: siteCode)
        }
    }

    /// Hands out the next free CollectionID of a site, in the PackageID form (`TSP00001`), from
    /// a numbering of its own. IDs of deleted collections are not handed out again.
    public static func allocateCollectionID(siteCode: String, in db: Database) throws -> String {
        try allocateID(siteCode: siteCode, table: "collectionIDAllocation", in: db) { candidate in
            try CollectionRow.exists(db, collectionID: candidate)
        } exhausted: {
            StoreError.collectionIDsExhausted(siteCode: siteCode)
        }
    }

    private static func allocateID(
        siteCode: String, table: String, in db: Database, taken: (String) throws -> Bool, exhausted: () -> StoreError
    ) throws -> String {
        var number = try Int64.fetchOne(db, sql: "SELECT lastNumber FROM \(table) WHERE siteCode = ?", arguments: [siteCode]) ?? 0
        while true {
            number += 1
            guard number <= 0xFFFFF else { throw exhausted() }
            let candidate = siteCode + hex5(number)
            if try !taken(candidate) {
                try db.execute(
                    sql: "INSERT INTO \(table) (siteCode, lastNumber) VALUES (?, ?) ON CONFLICT(siteCode) DO UPDATE SET lastNumber = excluded.lastNumber",
                    arguments: [siteCode, number]
                )
                return candidate
            }
        }
    }

    private static func hex5(_ number: Int64) -> String {
        let digits = String(number, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }
}
