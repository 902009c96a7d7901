import ProviderStore

extension StoreDatabase {
    /// How many rows `table` holds.
    func count(_ table: String) throws -> Int {
        try value(Int.self, "SELECT COUNT(*) FROM \(table)") ?? 0
    }
}
