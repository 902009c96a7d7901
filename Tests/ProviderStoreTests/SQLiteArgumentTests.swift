import Foundation
import Testing
import TestSupport
import ProviderStore

/// Arguments reach SQLite through its own bind calls (`Statement.bind(_:)`), not GRDB's
/// `StatementArguments`: every kind of value must come back as it went in, and a statement
/// given the wrong number of arguments must be refused without running.
@Suite struct SQLiteArgumentTests {
    @Test func everyValueKindComesBackAsBound() throws {
        let store = try TestStores.makeStore(engine: .sqlite)
        let samples: [SQLArguments] = [
            ["plain", 0, 0.0, Data()],
            ["quotes ' \" ? and ünïcødé ∑ \u{1F600}", Int64.max, 1.5, Data([0, 1, 92, 120, 255])],
            ["", Int64.min, -1e-300, Data(0...255)],
            ["line\nbreak\ttab\u{01}", -1, Double.infinity, Data([0x5C])],
            [nil, nil, nil, nil],
        ]
        let rows = try store.transaction(readOnly: false) { db in
            try db.runScript("CREATE TABLE bound (id integer PRIMARY KEY, label text, number integer, real real, bytes blob)")
            for sample in samples {
                try db.run("INSERT INTO bound (label, number, real, bytes) VALUES (?, ?, ?, ?)", sample)
            }
            return try db.rows("SELECT label, number, real, bytes FROM bound ORDER BY id")
        }
        #expect(rows.count == samples.count)
        for (row, sample) in zip(rows, samples) {
            #expect(row["label"] == sample.values[0])
            #expect(row["number"] == sample.values[1])
            #expect(row["real"] == sample.values[2])
            #expect(row["bytes"] == sample.values[3])
        }
        // An empty string and an empty blob are values, not NULL.
        let empties = try store.transaction(readOnly: true) { db in
            try db.value(Int.self, "SELECT COUNT(*) FROM bound WHERE label = ? OR (typeof(bytes) = 'blob' AND length(bytes) = 0)", [""])
        }
        #expect(empties == 2)
    }

    @Test func aStatementGivenTheWrongNumberOfArgumentsIsRefusedAndChangesNothing() throws {
        let store = try TestStores.makeStore(engine: .sqlite)
        try store.transaction(readOnly: false) { db in try db.runScript("CREATE TABLE counted (name text)") }
        #expect(throws: StoreError.engine("wrong number of statement arguments: 1 for 2 placeholders (SQLite code 21)")) {
            try store.transaction(readOnly: false) { db in
                try db.run("INSERT INTO counted (name) VALUES (?)", ["kept"])
                try db.run("INSERT INTO counted (name) VALUES (?), (?)", ["one"])
            }
        }
        // The same cached statement runs again with the right count: nothing of the refusal stays bound.
        try store.transaction(readOnly: false) { db in try db.run("INSERT INTO counted (name) VALUES (?), (?)", ["one", "two"]) }
        let names = try store.transaction(readOnly: true) { db in try db.rows("SELECT name FROM counted ORDER BY name").map { try $0.decode("name", as: String.self) } }
        #expect(names == ["one", "two"])
    }
}
