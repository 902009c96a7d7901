import GRDB

extension StoreDatabase {
    /// The SQLite connection under this one, for the few calls into records of other tables
    /// whose requests still take GRDB's `Database` (PackageRow's, moving to `StoreDatabase` in
    /// their own change). Each use goes once those requests take a `StoreDatabase`; until then
    /// another engine is refused with a storage error naming `request`, before anything is written.
    func sqliteConnection(for request: String) throws -> Database {
        guard let database = self as? Database else {
            throw StoreError.corrupt("\(request) is not yet served on the \(dialect.rawValue) engine")
        }
        return database
    }
}
