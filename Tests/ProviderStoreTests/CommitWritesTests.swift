import CSQLiteSupport
import Foundation
import GRDB
import GRDBSQLite
import Testing
import TaskSequenceModel
@testable import ProviderStore

/// The SQLite store writes each commit's log frames in one write (CSQLiteSupport), and
/// what is on disk after a commit is a log SQLite recovers whole — also after a transaction that
/// spilled pages and rewrote frames in place.
@Suite(.serialized) struct CommitWritesTests {
    private final class StoreDirectory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-commit-writes-\(UUID().uuidString)")
        var path: String { url.appendingPathComponent("store.sqlite").path }
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// Opens a copy of the database file and its log only — no shared index, as after a crash —
    /// so SQLite recovers the log from what is on disk, checking every frame's checksum.
    private static func recoveredCopy(of path: String, in directory: StoreDirectory) throws -> DatabaseQueue {
        let copy = directory.url.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
        return try DatabaseQueue(path: copy)
    }

    @Test func theStoreRunsOnTheVFS() throws {
        let directory = try StoreDirectory()
        _ = try ProviderStore(path: directory.path)
        let name = try #require(sqlite3_vfs_find(nil)?.pointee.zName)
        #expect(String(cString: name) == TSP_COMMIT_WRITES_VFS)
    }

    @Test func aCommitIsOneWriteOfAllItsFrames() throws {
        let directory = try StoreDirectory()
        let store = try ProviderStore(path: directory.path)
        try store.addGeneratedPackage(1, steps: 5)
        let before = tsp_commit_writes_counts_now()
        try store.addGeneratedPackage(2, steps: 60)
        let after = tsp_commit_writes_counts_now()
        // Other suites' stores may commit meanwhile; this commit alone would make twice its
        // frames in writes without the VFS.
        let frames = after.frames - before.frames
        let writes = after.writes - before.writes
        #expect(frames >= 10, "frames \(frames)")
        #expect(writes * 4 <= frames, "\(writes) writes for \(frames) frames")
        let recovered = try Self.recoveredCopy(of: directory.path, in: directory)
        #expect(try recovered.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM step") } == 65)
    }

    /// A transaction larger than the writer's page cache spills pages into the log before its
    /// commit, writes some of them again in place, and rewrites frame headers with new checksums
    /// after the commit frame: the copy on disk must still recover whole.
    @Test func aTransactionThatSpilledRecoversWhole() throws {
        let directory = try StoreDirectory()
        let store = try ProviderStore(path: directory.path)
        try store.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = 16") }
        try store.addGeneratedPackage(1, steps: 10)
        try store.addGeneratedPackage(3, steps: 10)
        // Last, so that nothing written after it could carry its bytes out.
        try store.addGeneratedPackage(2, steps: 1_500)
        let recovered = try Self.recoveredCopy(of: directory.path, in: directory)
        try recovered.read { db in
            let steps = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM step")
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            #expect(steps == 1_520)
            #expect(integrity == ["ok"])
        }
        #expect(try store.read { try $0.value(Int.self, "SELECT COUNT(*) FROM package", []) } == 3)
    }
}
