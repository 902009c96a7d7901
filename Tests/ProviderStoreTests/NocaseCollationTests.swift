import CSQLiteSupport
import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import ProviderStore
import TestSupport

/// The store's NOCASE (CSQLiteSupport) answers what SQLite's own does, sign and value, so an
/// index one of them built is in the order the other expects.
struct NocaseCollationTests {
    /// SQLite's NOCASE as sqlite3.c writes it: `sqlite3StrNICmp` over the shorter length (the
    /// public `sqlite3_strnicmp`), then the difference of the lengths.
    private static func sqlitesAnswer(_ left: [UInt8], _ right: [UInt8]) -> Int32 {
        left.withUnsafeBufferPointer { a in
            right.withUnsafeBufferPointer { b in
                a.withMemoryRebound(to: CChar.self) { a in
                    b.withMemoryRebound(to: CChar.self) { b in
                        let result = sqlite3_strnicmp(a.baseAddress, b.baseAddress, Int32(min(left.count, right.count)))
                        return result != 0 ? result : Int32(left.count - right.count)
                    }
                }
            }
        }
    }

    private static func storesAnswer(_ left: [UInt8], _ right: [UInt8]) -> Int32 {
        left.withUnsafeBufferPointer { a in
            right.withUnsafeBufferPointer { b in
                tsp_nocase_compare(Int32(left.count), a.baseAddress, Int32(right.count), b.baseAddress)
            }
        }
    }

    /// Keys that reach every branch: words equal, equal once folded, differing in case only
    /// past the eighth byte, NUL bytes inside a word, bytes over 0x7F, the characters just
    /// outside `A`–`Z` (`@`, `[`, `` ` ``, `{`), one key a prefix of the other.
    private static let edgeKeys: [[UInt8]] = [
        "", "a", "A", "@", "[", "`", "{", "_", "SMS_TaskSequence_RunCommandLineAction",
        "sms_tasksequence_runcommandlineaction", "SMS_TaskSequence_RunCommandLineActioN",
        "SMS_TaskSequence_RunPowerShellScriptAction", "SMS_TaskSequence_", "sms_tasksequence_",
        "PS100001", "ps100001", "PS10000", "PS1000010", "ABCDEFGH", "abcdefgh", "ABCDEFGHI", "abcdefgh@",
        "Ünïcödé", "ünïcödé", "ÜNÏCÖDÉ", "zzzzzzzz\u{7F}", "ZZZZZZZZ\u{80}",
    ].map { Array($0.utf8) } + [
        [0x41, 0x00, 0x42], [0x61, 0x00, 0x43], [0x41, 0x00], [0x00], [0x00, 0x00],
        Array("ABCDEFG".utf8) + [0x00] + Array("XYZ".utf8), Array("abcdefg".utf8) + [0x00] + Array("abc".utf8),
        [0xFF, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41], [0xFF, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x62],
    ]

    @Test func everyPairOfEdgeKeysComparesAsInSQLite() {
        for left in Self.edgeKeys {
            for right in Self.edgeKeys {
                #expect(Self.storesAnswer(left, right) == Self.sqlitesAnswer(left, right), "\(left) vs \(right)")
            }
        }
    }

    @Test func randomKeysWithSharedPrefixesCompareAsInSQLite() {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet = Array("aAbBzZ@[`{_0 9".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]
        let prefix = Array("SMS_TaskSequence_".utf8)
        for _ in 0..<20_000 {
            func key() -> [UInt8] {
                let shared = Int(generator.next() % UInt64(prefix.count + 1))
                let tail = (0..<Int(generator.next() % 20)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                // Half the keys take the prefix as spelt, half with its case turned around.
                let head = generator.next() % 2 == 0 ? Array(prefix[..<shared]) : prefix[..<shared].map { $0 ^ (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A ? 0x20 : 0) }
                return head + tail
            }
            let left = key(), right = key()
            #expect(Self.storesAnswer(left, right) == Self.sqlitesAnswer(left, right), "\(left) vs \(right)")
        }
    }

    /// Through SQL: a store connection and a plain SQLite one order the same names alike.
    @Test func aStoreConnectionOrdersAsPlainSQLite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-nocase-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ProviderStore(path: directory.appendingPathComponent("store.sqlite").path)
        let names = Self.edgeKeys.compactMap { String(validating: $0, as: UTF8.self) }.filter { !$0.contains("\0") }
            + ["Apply Windows Settings", "apply windows settings", "Apply Network Settings", "APPLY OPERATING SYSTEM", "apply driver package"]
        let query = "SELECT value FROM json_each(?) ORDER BY value COLLATE NOCASE, value"
        let argument = String(decoding: try JSONEncoder().encode(names), as: UTF8.self)
        let ordered = try store.read { db in try db.rows(query, [argument]).map { try $0.decode(at: 0, as: String.self) } }
        let plain = try DatabaseQueue()
        let expected = try plain.read { db in try String.fetchAll(db, sql: query, arguments: [argument]) }
        #expect(ordered == expected)
        #expect(ordered.count == names.count)
    }
}
