import Foundation
import Testing
import TestSupport
@testable import ProviderStore

/// The PostgreSQL engine's statements and values, on a real server.
@Suite struct PostgresValueTests {
    private static let schema = [
        PostgresMigration("values-1", sql: """
            CREATE EXTENSION IF NOT EXISTS citext;
            CREATE TABLE samples (
                id bigserial PRIMARY KEY, label text, number bigint, real double precision,
                bytes bytea, name citext, small smallint, flag boolean
            );
            CREATE TABLE keyed (key text PRIMARY KEY);
            CREATE FUNCTION refuse_empty_key() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.key = '' THEN RAISE EXCEPTION 'Key: must not be empty'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER keyed_not_empty BEFORE INSERT ON keyed FOR EACH ROW EXECUTE FUNCTION refuse_empty_key();
            """),
    ]

    @Test func everyValueKindComesBackAsStored() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        let samples: [(String?, Int64?, Double?, [UInt8]?)] = [
            ("plain", 0, 0, []),
            ("quotes ' \" ? $1 and ünïcødé ∑", Int64.max, 1.5, [0, 1, 92, 120, 255]),
            ("", Int64.min, -1e-300, Array(0...255)),
            ("specials", -1, .infinity, [0x5C]),
            (nil, nil, nil, nil),
        ]
        let ids = try store.transaction(readOnly: false) { db in
            try samples.map { sample in
                try db.insertReturningID(
                    "INSERT INTO samples (label, number, real, bytes) VALUES (?, ?, ?, ?)",
                    [sample.0, sample.1, sample.2, sample.3.map { Data($0) }])
            }
        }
        #expect(Set(ids).count == samples.count)
        for (id, sample) in zip(ids, samples) {
            let row = try #require(try store.transaction(readOnly: true) { db in
                try db.row("SELECT label, number, real, bytes FROM samples WHERE id = ?", [id])
            })
            #expect(row["label"] == (sample.0.map { SQLValue.text($0) } ?? .null))
            #expect(row["number"] == (sample.1.map { SQLValue.integer($0) } ?? .null))
            #expect(row["real"] == (sample.2.map { SQLValue.real($0) } ?? .null))
            #expect(row["bytes"] == (sample.3.map { SQLValue.blob($0) } ?? .null))
        }
        let nan = try store.transaction(readOnly: true) { db in try db.value(Double.self, "SELECT ?::float8", [Double.nan]) }
        #expect(nan?.isNaN == true)
    }

    @Test func columnTypesDecodeAsTheStoreExpects() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        try store.transaction(readOnly: false) { db in
            try db.run("INSERT INTO samples (number, small, flag, name) VALUES (?, ?, ?, ?)", [40, 7, nil, "MixedCase"])
            try db.run("INSERT INTO samples (number, small, flag) VALUES (?, ?, true)", [2, 3])
        }
        let row = try #require(try store.transaction(readOnly: true) { db in
            try db.row("""
                SELECT SUM(number) AS total, AVG(number) AS average, MAX(small) AS small, COUNT(*) AS count,
                       bool_or(flag) AS flag, CAST(1.25 AS real) AS single, MAX(name) AS name
                FROM samples
                """)
        })
        #expect(row["total"] == .integer(42), "SUM over bigint is numeric, whole, so an integer")
        #expect(row["average"] == .real(21), "AVG is numeric with a fraction part, a real as on SQLite")
        #expect(row["small"] == .integer(7))
        #expect(row["count"] == .integer(2))
        #expect(row["flag"] == .integer(1))
        #expect(row["single"] == .real(1.25))
        #expect(row["NAME"] == .text("MixedCase"), "columns are found without regard to case")
    }

    @Test func textArgumentsTakeTheColumnsTypeSoCitextIgnoresCase() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        try store.transaction(readOnly: false) { db in try db.run("INSERT INTO samples (name) VALUES (?)", ["Install Windows"]) }
        let matches = try store.transaction(readOnly: true) { db in
            try db.values(String.self, "SELECT name FROM samples WHERE name = ?", ["INSTALL windows"])
        }
        #expect(matches == ["Install Windows"])
    }

    @Test func placeholdersInsideLiteralsIdentifiersAndCommentsAreLeftAlone() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        let row = try #require(try store.transaction(readOnly: true) { db in
            try db.row("""
                SELECT '?' || ? AS joined, 'it''s ?' AS doubled, E'\\'?' AS escaped, $$?$$ AS dollar,
                       $tag$ ? $tag$ AS tagged, ? AS "what?" -- trailing ?
                /* a ? in /* a nested */ comment */
                """, ["x", 5])
        })
        #expect(row["joined"] == .text("?x"))
        #expect(row["doubled"] == .text("it's ?"))
        #expect(row["escaped"] == .text("'?"))
        #expect(row["dollar"] == .text("?"))
        #expect(row["tagged"] == .text(" ? "))
        #expect(row["what?"] == .integer(5))
    }

    @Test func renumberingCountsOnlyRealPlaceholders() {
        let (sql, count) = PlaceholderRenumbering.renumber("SELECT ?, '?', \"?\", ? -- ?\n, $1, ?")
        #expect(sql == "SELECT $1, '?', \"?\", $2 -- ?\n, $1, $3")
        #expect(count == 3)
    }

    @Test func aPlaceholderCountThatDoesNotMatchTheArgumentsIsRefused() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        #expect(throws: StoreError.engine("the statement has 1 placeholders but 2 arguments were given: SELECT ?")) {
            try store.transaction(readOnly: true) { db in try db.row("SELECT ?", [1, 2]) }
        }
    }

    @Test func changedRowCountsComeFromTheServer() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        let counts = try store.transaction(readOnly: false) { db in
            let inserted = try db.run("INSERT INTO samples (number) VALUES (?), (?), (?)", [1, 2, 3])
            let updated = try db.run("UPDATE samples SET label = ? WHERE number >= ?", ["big", 2])
            let deleted = try db.run("DELETE FROM samples WHERE number > ?", [10])
            return [inserted, updated, deleted]
        }
        #expect(counts == [3, 2, 0])
    }

    @Test func aSavepointThatFailsUndoesOnlyItsOwnChanges() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        struct Abandon: Error {}
        try store.transaction(readOnly: false) { db in
            try db.run("INSERT INTO keyed (key) VALUES (?)", ["kept"])
            #expect(throws: Abandon.self) {
                try db.inSavepoint {
                    try db.run("INSERT INTO keyed (key) VALUES (?)", ["undone"])
                    throw Abandon()
                }
            }
            // A failed statement inside a savepoint leaves the transaction usable.
            #expect(throws: StoreError.self) {
                try db.inSavepoint { try db.run("INSERT INTO keyed (key) VALUES (?)", ["kept"]) }
            }
            try db.inSavepoint {
                try db.run("INSERT INTO keyed (key) VALUES (?)", ["nested-outer"])
                try? db.inSavepoint {
                    try db.run("INSERT INTO keyed (key) VALUES (?)", ["nested-inner"])
                    throw Abandon()
                }
            }
        }
        let keys = try store.transaction(readOnly: true) { db in try db.values(String.self, "SELECT key FROM keyed ORDER BY key") }
        #expect(keys == ["kept", "nested-outer"])
    }

    @Test func aConstraintViolationIsAnEngineErrorWithItsSQLState() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        try store.transaction(readOnly: false) { db in try db.run("INSERT INTO keyed (key) VALUES (?)", ["one"]) }
        #expect(throws: StoreError.engine("duplicate key value violates unique constraint \"keyed_pkey\" (SQLSTATE 23505)")) {
            try store.transaction(readOnly: false) { db in
                try db.run("INSERT INTO keyed (key) VALUES (?)", ["two"])
                try db.run("INSERT INTO keyed (key) VALUES (?)", ["one"])
            }
        }
        let keys = try store.transaction(readOnly: true) { db in try db.values(String.self, "SELECT key FROM keyed ORDER BY key") }
        #expect(keys == ["one"], "the failed transaction wrote nothing")
    }

    @Test func aTriggerRaiseIsARefusalByRule() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        #expect(throws: StoreError.refusedByRule("Key: must not be empty")) {
            try store.transaction(readOnly: false) { db in try db.run("INSERT INTO keyed (key) VALUES (?)", [""]) }
        }
    }

    @Test func aWriteInAReadTransactionIsRefusedAsReadOnly() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        #expect(throws: StoreError.readOnly("cannot execute INSERT in a read-only transaction (SQLSTATE 25006)")) {
            try store.transaction(readOnly: true) { db in try db.run("INSERT INTO keyed (key) VALUES (?)", ["x"]) }
        }
    }

    @Test func theStoreReportsItsDialect() throws {
        let (store, _) = try makePostgresStore(Self.schema)
        #expect(store.dialect == .postgresql)
        #expect(try store.transaction(readOnly: true) { $0.dialect } == .postgresql)
        // Reads and writes go through the seam on either engine; only GRDB's pool is SQLite's.
        #expect(try store.read { db in try db.value(Int.self, "SELECT 1") } == 1)
        #expect(throws: StoreError.engine("this store is on PostgreSQL; SQLite's database is not available")) {
            _ = try store.database
        }
    }
}
