import GRDB
import Testing
@testable import ProviderStore

/// Migration v6-condition-property-position: the properties an earlier store holds get their
/// places within their expression from the order SQLite inserted them in (its `rowid`), which
/// queries read them in before the column existed. (v12 dropped the table: properties are read
/// from the operand row since.)
@Suite struct ConditionPropertyPositionTests {
    @Test func anEarlierStoreNumbersEachExpressionsPropertiesInInsertionOrder() throws {
        // Properties only, without the operands they belong to: foreign keys off for this check.
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let store = try EarlierStore(migratedUpTo: "history-v5-revision-images: every revision readable, lineage of copies and merges",
                                     configuration: configuration)
        let queue = store.queue
        try queue.write { db in
            // Two expressions' properties, interleaved as two edits would leave them.
            for (operandID, name) in [(7, "Variable"), (9, "Variable"), (7, "Operator"), (7, "Value"), (9, "Value")] {
                try db.run("INSERT INTO conditionProperty (operandID, name, value) VALUES (?, ?, '')", [operandID, name])
            }
        }

        try store.migrate(upTo: "v6-condition-property-position")
        let rows = try queue.read { db in
            try db.values(String.self, "SELECT operandID || ' ' || position || ' ' || name FROM conditionProperty ORDER BY operandID, position")
        }
        #expect(rows == ["7 0 Variable", "7 1 Operator", "7 2 Value", "9 0 Variable", "9 1 Value"])
    }
}
