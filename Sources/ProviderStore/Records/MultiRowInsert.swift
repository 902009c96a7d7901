/// One `INSERT … VALUES (…), (…), …` for many rows of a table, in place of a statement per row.
///
/// An import writes steps, condition operands and their properties by the dozen: each
/// statement costs a bind, a step and a reset on SQLite and a round trip on PostgreSQL, so rows
/// go in groups of up to ``maxRows``. Both engines take multi-row VALUES; each group size is its
/// own statement text, prepared once per connection like any other.
struct MultiRowInsert: Sendable {
    /// Rows per statement at most (a step row's 18 columns × 64 rows stays far below either
    /// engine's limit on parameters: 32,766 on SQLite, 65,535 on PostgreSQL).
    static let maxRows = 64

    let columnCount: Int
    /// The statement for `n` rows at index `n - 1`.
    private let statements: [String]

    /// `columns` as the statement names them (quoted where they are keywords).
    init(table: String, columns: [String]) {
        columnCount = columns.count
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        // No spaces: the connection finds a prepared statement by its text, hashing all of it
        // on every run, and a 64-row statement is thousands of characters.
        let group = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        statements = (1...Self.maxRows).map { rows in head + Array(repeating: group, count: rows).joined(separator: ",") }
    }

    /// Inserts `rows`, each contributing its `columnCount` values in column order through `values`.
    func run<Rows: Collection>(_ rows: Rows, in db: StoreDatabase, values: (Rows.Element, inout [SQLValue]) -> Void) throws {
        var start = rows.startIndex
        var arguments: [SQLValue] = []
        arguments.reserveCapacity(min(rows.count, Self.maxRows) * columnCount)
        while start != rows.endIndex {
            let end = rows.index(start, offsetBy: Self.maxRows, limitedBy: rows.endIndex) ?? rows.endIndex
            arguments.removeAll(keepingCapacity: true)
            for row in rows[start..<end] { values(row, &arguments) }
            let count = arguments.count / columnCount
            guard count > 0, count * columnCount == arguments.count else {
                throw StoreError.corrupt("a row for \(statements[0].prefix(40))… gave \(arguments.count) values for \(columnCount) columns")
            }
            try db.run(statements[count - 1], SQLArguments(arguments))
            start = end
        }
    }
}
