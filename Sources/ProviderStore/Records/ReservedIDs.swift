/// A table whose new rows can be given IDs before they are written.
///
/// A tree write (an import, a pasted group, a new condition) knows every row it will add before
/// it adds any; with the IDs taken at once, children can name their parents and the rows go in
/// as a few multi-row statements instead of one statement per row.
enum IDTable: String, Sendable {
    case step
    case conditionOperand
}

extension StoreDatabase {
    /// `count` IDs for new rows of `table`, in increasing order, never used before by the table.
    ///
    /// SQLite: the IDs after the table's `AUTOINCREMENT` high-water mark (or its largest ID, if
    /// larger); the rows must be inserted with them in the same transaction before any other row
    /// of the table, and inserting them raises the mark as an insert without ID does.
    /// PostgreSQL: values of the identity column's sequence, which other providers sharing the
    /// database never get (they need not be consecutive).
    func reserveIDs(_ count: Int, in table: IDTable) throws -> [Int64] {
        guard count > 0 else { return [] }
        switch dialect {
        case .sqlite:
            let last = try value(Int64.self, """
                SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), COALESCE((SELECT MAX(id) FROM \(table.rawValue)), 0))
                """, [table.rawValue]) ?? 0
            return Array(last + 1...last + Int64(count))
        case .postgresql:
            let ids = try values(Int64.self, "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)", [table.rawValue, count])
            guard ids.count == count else { throw StoreError.corrupt("reserving \(count) IDs of \(table.rawValue) gave \(ids.count)") }
            return ids.sorted()
        }
    }
}
