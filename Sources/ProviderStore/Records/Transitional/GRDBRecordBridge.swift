import GRDB
import TaskSequenceModel

// GRDB's record protocols for the rows that History's store code (seam-targets-history) still
// fetches with GRDB requests; each decodes through its `SQLRow` initializer. Goes once that code
// is on `StoreDatabase`.

extension StepRow: FetchableRecord {
    public init(row: Row) throws { try self.init(row: SQLRow(grdb: row)) }
}

extension StepVariableRow: FetchableRecord {
    public init(row: Row) throws { try self.init(row: SQLRow(grdb: row)) }
}

extension ConditionOperandRow: FetchableRecord {
    public init(row: Row) throws { try self.init(row: SQLRow(grdb: row)) }
}

extension SQLRow {
    init(grdb row: Row) {
        self.init(columns: SQLColumns(Array(row.columnNames)), values: row.databaseValues.map(SQLValue.init))
    }
}

// History's retention code binds these with GRDB.
extension StepKind: DatabaseValueConvertible {}
extension OperandKind: DatabaseValueConvertible {}
