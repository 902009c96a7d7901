import Foundation
import Testing
import TaskSequenceModel
@testable import ProviderStore

/// The SQLite store's log is copied into the database file by the checkpointer's queue, not by
/// the commit that crosses the threshold, and stays bounded under a stream of writes.
@Suite struct WALCheckpointerTests {
    /// A store on a file of its own whose checkpoints start at `threshold` pages.
    private final class CheckpointedStore {
        let directory: URL
        let store: ProviderStore
        var path: String { directory.appendingPathComponent("store.sqlite").path }

        init(threshold: Int32) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-wal-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try ProviderStore(location: .sqlite(path: directory.appendingPathComponent("store.sqlite").path),
                                      postgresMigrations: [], checkpointThreshold: threshold)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        var checkpointer: WALCheckpointer { get throws { try #require(store.checkpointer) } }

        /// Pages in the database file itself, from its header (bytes 28–31): what checkpoints
        /// have copied there, whatever the log holds.
        func pagesInDatabaseFile() throws -> Int {
            let header = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 32)
            return header[28..<32].reduce(0) { $0 << 8 | Int($1) }
        }

        func logBytes() -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int) ?? 0
        }

        /// The longest log the checkpoints allow: `inlineFactor` times the threshold, plus a
        /// margin of 200 pages for the writes between two turns of the queue (far less than the
        /// packages these tests write), each page a frame with its 24-byte header.
        func logLimit(threshold: Int32, pageSize: Int) -> Int {
            let frames = Int(threshold * WALCheckpointer.inlineFactor) + 200
            return frames * (pageSize + 24)
        }

        func addPackage(_ number: Int, steps: Int = 20) throws {
            try store.addGeneratedPackage(number, steps: steps, commandBytes: 200)
        }
    }

    @Test func aLongLogIsCopiedIntoTheDatabaseFileOffTheWritersThread() throws {
        let fixture = try CheckpointedStore(threshold: 64)
        let pagesBefore = try fixture.pagesInDatabaseFile()
        var number = 0
        // Writes until the log crosses the threshold and the queue has run a checkpoint.
        while try fixture.checkpointer.statistics.runs == 0, number < 500 {
            number += 1
            try fixture.addPackage(number)
            try fixture.checkpointer.waitUntilIdle()
        }
        let statistics = try fixture.checkpointer.statistics
        #expect(statistics.runs > 0, "no checkpoint after \(number) packages")
        #expect(statistics.lastFailure == nil)
        #expect(statistics.lastLogFrames >= 64, "\(statistics)")
        #expect(statistics.lastCopiedFrames == statistics.lastLogFrames, "a passive checkpoint with no reader copies the whole log: \(statistics)")
        #expect(try fixture.pagesInDatabaseFile() > pagesBefore, "the rows reached the database file")
        // Everything committed is there, read through the pool as always.
        let packages = try fixture.store.read { try $0.value(Int.self, "SELECT COUNT(*) FROM package", []) }
        #expect(packages == number)
    }

    @Test func theLogStaysBoundedUnderAStreamOfWrites() throws {
        let fixture = try CheckpointedStore(threshold: 64)
        for number in 1...300 {
            try fixture.addPackage(number)
            // The queue gets its turn now and then, as it would between requests.
            if number % 10 == 0 { try fixture.checkpointer.waitUntilIdle() }
        }
        try fixture.checkpointer.waitUntilIdle()
        let pageSize = try fixture.store.read { try $0.value(Int.self, "PRAGMA page_size", []) } ?? 4096
        // Restarted from its beginning after each complete checkpoint: never much longer than the
        // threshold plus the writes between two turns of the queue, far from 300 packages' pages.
        #expect(fixture.logBytes() <= fixture.logLimit(threshold: 64, pageSize: pageSize), "log of \(fixture.logBytes()) bytes")
        let steps = try fixture.store.read { try $0.value(Int.self, "SELECT COUNT(*) FROM step", []) }
        #expect(steps == 300 * 20)
    }

    /// With the queue held up, the writer checkpoints itself once the log is `inlineFactor` times
    /// over the threshold, as SQLite's own checkpoint would, and the log stays bounded.
    @Test func theWriterCheckpointsItselfWhenTheQueueFallsBehind() throws {
        let fixture = try CheckpointedStore(threshold: 16)
        let resume = try fixture.checkpointer.suspendQueue()
        defer { resume() }
        let pagesBefore = try fixture.pagesInDatabaseFile()
        for number in 1...100 { try fixture.addPackage(number) }
        let statistics = try fixture.checkpointer.statistics
        #expect(statistics.runs > 0, "the writer never checkpointed: \(statistics)")
        #expect(statistics.lastFailure == nil)
        #expect(try fixture.pagesInDatabaseFile() > pagesBefore)
        let pageSize = try fixture.store.read { try $0.value(Int.self, "PRAGMA page_size", []) } ?? 4096
        #expect(fixture.logBytes() <= fixture.logLimit(threshold: 16, pageSize: pageSize), "log of \(fixture.logBytes()) bytes")
    }

    /// A store that goes closes the checkpointer's connection too: SQLite then checkpoints the
    /// whole log and removes it as the last connection closes, and the file opens again whole.
    /// A log a checkpoint left over the threshold is not checkpointed again until it has grown
    /// by the threshold once more (every tenth of it ran a checkpoint every few commits, each
    /// copying the same hot pages and syncing twice); a log that restarted is asked about anew.
    @Test func aCheckpointIsAskedForAgainOnlyAThresholdLater() {
        let threshold = WALCheckpointer.defaultThreshold
        #expect(!WALCheckpointer.asksAgain(frames: threshold + threshold / 10, askedAt: threshold, threshold: threshold))
        #expect(!WALCheckpointer.asksAgain(frames: 2 * threshold - 1, askedAt: threshold, threshold: threshold))
        #expect(WALCheckpointer.asksAgain(frames: 2 * threshold, askedAt: threshold, threshold: threshold))
        #expect(WALCheckpointer.asksAgain(frames: threshold, askedAt: 3 * threshold, threshold: threshold))
    }

    @Test func closingTheStoreClosesTheCheckpointersConnection() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tsp-wal-close-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        do {
            let store = try ProviderStore(location: .sqlite(path: path), postgresMigrations: [], checkpointThreshold: 16)
            for number in 1...20 { try store.addGeneratedPackage(number, steps: 0) }
            let checkpointer = try #require(store.checkpointer)
            checkpointer.waitUntilIdle()
            #expect(checkpointer.statistics.runs > 0, "the checkpointer opened its connection")
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "a connection stayed open")
        let reopened = try ProviderStore(path: path)
        #expect(try reopened.read { try $0.value(Int.self, "SELECT COUNT(*) FROM package", []) } == 20)
    }
}
