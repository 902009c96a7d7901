import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the SQLite store's write-ahead log back into the database file on a queue of its own,
/// so that no request waits for a checkpoint.
///
/// SQLite's own automatic checkpoint runs inside the commit that crosses its threshold: that
/// request writes some hundreds of pages into the database file and waits for two `fsync`s, and
/// every request pays a share of it (a sixth of an import's wall time in `tsbench import`). Here
/// the writer's commit hook only notes the log's length, and a connection of the checkpointer's
/// own copies the log while requests go on — a `PASSIVE` checkpoint, which never blocks the writer
/// or a reader. Once a checkpoint has caught up, the next write starts the log from its beginning
/// again, as with SQLite's own. What is committed is in the log (and survives a crash) either way.
final class WALCheckpointer: Sendable {
    /// Pages in the log from which a checkpoint starts (SQLite's own default is 1,000). A longer log
    /// lets each checkpoint write a page that many commits touched only once: under a stream of
    /// one-call imports, 7.1 pages copied an import at 4,000 and 5.4 at 16,000 (`strace`, 1,128
    /// imports), with a quarter of the `fsync`s.
    static let defaultThreshold: Int32 = 16_000

    /// What the checkpoints have done so far, for tests and diagnostics.
    struct Statistics: Sendable, Equatable {
        /// Checkpoints run, on the queue or (``inlineFactor`` times over the threshold) on the writer.
        var runs = 0
        /// Frames in the log and frames copied into the database by the last one.
        var lastLogFrames: Int32 = 0
        var lastCopiedFrames: Int32 = 0
        /// SQLite's result code of the last one that failed, if any (`SQLITE_BUSY` is not a failure).
        var lastFailure: Int32?
    }

    /// The writer checkpoints in its own commit when the log has grown this many times over the
    /// threshold anyway — the queue cannot keep up, or its checkpoints keep stopping early at a
    /// long read — so that the log stays bounded as it would with SQLite's own checkpoint.
    ///
    /// Under a steady stream of writes the queue keeps up but never quite catches up: commits
    /// land while each checkpoint copies and syncs, and the log only starts again from its
    /// beginning once a checkpoint has copied all of it. So the writer's own checkpoint is what
    /// restarts the log then — a request that waits for two or three `fsync`s (10–15 ms each on
    /// the benchmark's disk). At 16,000 pages that was every ~470 one-call imports, ~70 µs an
    /// import on average (7 % of its time); at 64,000, every ~1,900, and the log may reach
    /// 256 MiB (at 4 KiB pages) before it starts again.
    static let inlineFactor: Int32 = 4

    let threshold: Int32
    private let path: String
    private let queue = DispatchQueue(label: "org.tsprovider.store.checkpoint", qos: .utility)
    private let scheduled = Atomic<Bool>(false)
    /// The log's length when a checkpoint was last asked for (the writer's thread only).
    private let askedAt = Atomic<Int32>(0)
    /// The checkpointer's own connection, opened at the first checkpoint; used on the queue only.
    private let connection = Mutex(Connection())
    private let recorded = Mutex(Statistics())

    private struct Connection: ~Copyable {
        var handle: OpaquePointer?
        var stopped = false
    }

    /// Takes over the checkpoints of the writer of `pool`, the SQLite store at `path`.
    init(pool: DatabasePool, path: String, threshold: Int32 = defaultThreshold) {
        self.path = path
        self.threshold = threshold
        let context = Unmanaged.passUnretained(self).toOpaque()
        // The hook replaces SQLite's automatic checkpoint on this connection (both are its WAL hook).
        pool.writeWithoutTransaction { db in
            _ = sqlite3_wal_hook(db.sqliteConnection, walHook, context)
        }
    }

    /// Hands the writer's checkpoints back to SQLite and closes the checkpointer's connection,
    /// once a checkpoint under way has finished. Call before the pool goes.
    func stop(pool: DatabasePool) {
        pool.writeWithoutTransaction { db in
            _ = sqlite3_wal_hook(db.sqliteConnection, nil, nil)
            sqlite3_wal_autocheckpoint(db.sqliteConnection, 1_000)
        }
        queue.sync {
            connection.withLock { connection in
                connection.stopped = true
                if let handle = connection.handle { sqlite3_close_v2(handle) }
                connection.handle = nil
            }
        }
    }

    var statistics: Statistics { recorded.withLock { $0 } }

    /// Returns once every checkpoint asked for so far has run (tests).
    func waitUntilIdle() {
        queue.sync {}
    }

    /// Holds the queue's checkpoints back until the returned closure is called (tests of the
    /// writer's own checkpoint).
    func suspendQueue() -> @Sendable () -> Void {
        queue.suspend()
        return { [queue] in queue.resume() }
    }

    /// After every commit of the writer, on its thread: `frames` pages are in the log.
    fileprivate func committed(frames: Int32, writer: OpaquePointer?) {
        if frames >= threshold * Self.inlineFactor, let writer {
            var log: Int32 = 0, copied: Int32 = 0
            let result = sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &copied)
            record(result, log: log, copied: copied)
        } else if frames >= threshold, needsAsking(frames: frames), !scheduled.exchange(true, ordering: .acquiringAndReleasing) {
            askedAt.store(frames, ordering: .relaxed)
            queue.async { [self] in
                scheduled.store(false, ordering: .releasing)
                checkpoint()
            }
        }
    }

    /// Whether to wake the queue at `frames` pages: once the log has grown by the threshold
    /// again since it was last asked, or restarted since. A checkpoint that ran while requests
    /// went on leaves a log over the threshold, and the log restarts only once one catches up.
    /// Asking again after a tenth of the threshold (as this did) ran a checkpoint every ten
    /// imports or so, each copying once more the pages every import touches (index leaves, the
    /// tables' last pages) and waiting for two `fsync`s: a stream of corpus imports copied 12.6
    /// pages an import one call a file and 10.0 batched, now 10.6 and 7.4, with 60 % fewer
    /// `fsync`s (`strace -c` of `tsproviderd`, 470 imports).
    private func needsAsking(frames: Int32) -> Bool {
        Self.asksAgain(frames: frames, askedAt: askedAt.load(ordering: .relaxed), threshold: threshold)
    }

    /// ``needsAsking(frames:)``'s rule: the log restarted, or grew by `threshold` since `askedAt`.
    static func asksAgain(frames: Int32, askedAt: Int32, threshold: Int32) -> Bool {
        frames < askedAt || frames >= askedAt + threshold
    }

    private func checkpoint() {
        let outcome = connection.withLock { connection -> (result: Int32, log: Int32, copied: Int32)? in
            guard !connection.stopped else { return nil }
            if connection.handle == nil {
                var handle: OpaquePointer?
                var opened = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
                // A connection finds the log at its first read; until then it checkpoints nothing.
                if opened == SQLITE_OK { opened = sqlite3_exec(handle, "SELECT 1 FROM sqlite_schema LIMIT 1", nil, nil, nil) }
                guard opened == SQLITE_OK else {
                    sqlite3_close_v2(handle)
                    return (opened, 0, 0)
                }
                connection.handle = handle
            }
            var log: Int32 = 0, copied: Int32 = 0
            let result = sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &copied)
            return (result, log, copied)
        }
        if let outcome { record(outcome.result, log: outcome.log, copied: outcome.copied) }
    }

    private func record(_ result: Int32, log: Int32, copied: Int32) {
        recorded.withLock { statistics in
        statistics.runs += 1
        if result == SQLITE_OK {
            statistics.lastLogFrames = log
            statistics.lastCopiedFrames = copied
        } else if result & 0xff != SQLITE_BUSY {
            // A full disk or an I/O error: the log keeps every commit and the next one tries again.
            statistics.lastFailure = result
        }
        }
    }
}

/// SQLite's WAL hook: `context` is the checkpointer, unretained (it unhooks itself before it goes).
private func walHook(_ context: UnsafeMutableRawPointer?, _ writer: OpaquePointer?, _ database: UnsafePointer<CChar>?, _ frames: Int32) -> Int32 {
    guard let context else { return SQLITE_OK }
    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(frames: frames, writer: writer)
    return SQLITE_OK
}
