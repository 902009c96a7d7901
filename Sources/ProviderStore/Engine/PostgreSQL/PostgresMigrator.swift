/// Brings a PostgreSQL database's schema up to date: each migration not yet recorded in
/// `schema_migrations` runs in its own write transaction, under the writers' advisory lock, so
/// two providers starting at once do not both apply it.
public enum PostgresMigrator {
    /// Applies the missing `migrations`, in order; returns the identifiers it applied.
    @discardableResult
    public static func migrate(_ pool: PostgresPool, _ migrations: [PostgresMigration]) throws -> [String] {
        try pool.transaction(readOnly: false) { db in
            try db.runScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    identifier text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
        }
        var applied: [String] = []
        for migration in migrations {
            let ran = try pool.transaction(readOnly: false) { db -> Bool in
                // Checked under the lock: another provider may have applied it a moment ago.
                if try db.exists("SELECT 1 FROM schema_migrations WHERE identifier = ?", [migration.identifier]) { return false }
                do {
                    try db.runScript(migration.sql)
                } catch StoreError.engine(let message) {
                    throw StoreError.engine("migration \(migration.identifier) failed: \(message)")
                }
                try db.run("INSERT INTO schema_migrations (identifier) VALUES (?)", [migration.identifier])
                return true
            }
            if ran { applied.append(migration.identifier) }
        }
        return applied
    }
}
