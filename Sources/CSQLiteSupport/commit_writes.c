/*
 * Gathers the write-ahead-log frames of one commit into one write.
 *
 * SQLite appends a transaction to its log as one frame per page, each frame two writes: a
 * 24-byte header and the page. An import that changes 40 pages makes 80 system calls, each
 * entering the kernel and the file system for a few bytes. This VFS sits in front of the default
 * one and keeps a log file's consecutive writes in memory until the commit frame's page is
 * written, then writes them at once — the file gets the same bytes at the same offsets.
 *
 * When gathered bytes go out, and why that is safe:
 * - at the commit frame: a frame header whose "database size after commit" field is not zero
 *   marks a commit, and the write after it is that frame's page. The whole transaction is in the
 *   file before SQLite publishes it in the shared WAL index, so no reader — another connection,
 *   the checkpointer — can be told about a frame that is not written. An error of the combined
 *   write (a full disk) is the commit frame's error: SQLite rolls the transaction back as if that
 *   frame had failed, and nothing was published.
 * - Only appends are gathered. A write before the end of what was appended — a page of a large
 *   transaction written again in place, or frame headers rewritten with new checksums, which
 *   SQLite does after the commit frame — goes straight through, after what was gathered.
 * - Only on files with power-safe overwrite (the default on Linux): without it SQLite pads a
 *   commit to the sector boundary and splits a frame's write around a sync.
 * - before anything else touches the log file (read, sync, truncate, size, file control, lock,
 *   close) and before a write that does not continue the gathered bytes (a frame rewritten in
 *   place, the log restarted at its beginning).
 * - when 4 MiB are gathered (a large transaction spilling pages before its commit).
 * A process killed before the commit frame's write loses what it would have lost anyway: a
 * transaction that was not committed.
 */
#include "commit_writes.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define LOG_HEADER_BYTES 32
#define FRAME_HEADER_BYTES 24
#define GATHER_LIMIT (4 * 1024 * 1024)
#define WRITE_PIECE (124 * 1024)
/* Kept between commits: a batch's chunk of 32 files commits ~1.5 MiB of frames, and growing a
 * freed buffer from 64 KiB again copied it four times over each chunk. */
#define KEPT_CAPACITY (2 * 1024 * 1024)

typedef struct GatheringFile {
    sqlite3_file base;
    sqlite3_file *real; /* the default VFS's file, in the bytes after this struct */
    int isLog;
    unsigned char *bytes;
    sqlite3_int64 offset; /* where bytes[0] goes */
    int length, capacity;
    int frames;
    int commitPageNext;
    sqlite3_int64 appendedUpTo; /* the end of the furthest write since the log last restarted */
} GatheringFile;

static sqlite3_vfs *realVFS;
static sqlite3_vfs gatheringVFS;
static sqlite3_io_methods gatheringMethods;
static _Atomic long long writesCount, framesCount;

#define REAL(file) (((GatheringFile *)(file))->real)

/* Writes what is gathered; on failure it is dropped (the transaction fails with it). The unix
 * VFS writes at most 128 KiB - 1 bytes a call (it masks the length to 17 bits), hence pieces. */
static int flush(GatheringFile *file) {
    int result = SQLITE_OK;
    for (int written = 0; written < file->length && result == SQLITE_OK; written += WRITE_PIECE) {
        int piece = file->length - written < WRITE_PIECE ? file->length - written : WRITE_PIECE;
        result = file->real->pMethods->xWrite(file->real, file->bytes + written, piece, file->offset + written);
        atomic_fetch_add_explicit(&writesCount, 1, memory_order_relaxed);
    }
    atomic_fetch_add_explicit(&framesCount, file->frames, memory_order_relaxed);
    file->length = 0;
    file->frames = 0;
    file->commitPageNext = 0;
    /* A large transaction's buffer is not kept for the connection's lifetime. */
    if (file->capacity > KEPT_CAPACITY) {
        free(file->bytes);
        file->bytes = NULL;
        file->capacity = 0;
    }
    return result;
}

static int gather(GatheringFile *file, const void *data, int amount, sqlite3_int64 offset) {
    if (file->length > 0 && offset != file->offset + file->length) {
        int result = flush(file);
        if (result != SQLITE_OK) return result;
    }
    if (file->length + amount > file->capacity) {
        if (file->length + amount > GATHER_LIMIT) {
            int result = flush(file);
            if (result != SQLITE_OK) return result;
            if (amount > GATHER_LIMIT) return file->real->pMethods->xWrite(file->real, data, amount, offset);
        }
        int capacity = file->capacity ? file->capacity : 64 * 1024;
        while (capacity < file->length + amount) capacity *= 2;
        unsigned char *grown = realloc(file->bytes, (size_t)capacity);
        if (grown == NULL) {
            /* No memory to gather into: write through, in order. */
            int result = flush(file);
            if (result != SQLITE_OK) return result;
            return file->real->pMethods->xWrite(file->real, data, amount, offset);
        }
        file->bytes = grown;
        file->capacity = capacity;
    }
    if (file->length == 0) file->offset = offset;
    memcpy(file->bytes + file->length, data, (size_t)amount);
    file->length += amount;
    return SQLITE_OK;
}

static int gatheringWrite(sqlite3_file *base, const void *data, int amount, sqlite3_int64 offset) {
    GatheringFile *file = (GatheringFile *)base;
    if (!file->isLog) return file->real->pMethods->xWrite(file->real, data, amount, offset);
    /* The log's header, at its start: the log restarts, and frames are appended after it again. */
    if (offset == 0 && amount == LOG_HEADER_BYTES) file->appendedUpTo = 0;
    if (offset < file->appendedUpTo) {
        /* A frame of the transaction written again in place, or a frame header rewritten with
         * new checksums (both after SQLite spilled pages of a large transaction): in order,
         * straight through, as it may come after the commit frame. */
        int result = flush(file);
        if (result != SQLITE_OK) return result;
        return file->real->pMethods->xWrite(file->real, data, amount, offset);
    }
    file->appendedUpTo = offset + amount;
    int commitPage = file->commitPageNext;
    file->commitPageNext = 0;
    if (amount == FRAME_HEADER_BYTES) {
        const unsigned char *header = data;
        /* Bytes 4-7: the database's size in pages after a commit; zero in other frames. */
        file->commitPageNext = (header[4] | header[5] | header[6] | header[7]) != 0;
        file->frames += 1;
    }
    int result = gather(file, data, amount, offset);
    if (result != SQLITE_OK) return result;
    if (commitPage) return flush(file);
    return SQLITE_OK;
}

/* Every other method: what is gathered goes out first, then the default VFS's method runs. */
#define FLUSHED(file) do { int flushed = flush((GatheringFile *)(file)); if (flushed != SQLITE_OK) return flushed; } while (0)

static int gatheringClose(sqlite3_file *base) {
    GatheringFile *file = (GatheringFile *)base;
    int flushed = flush(file);
    free(file->bytes);
    file->bytes = NULL;
    file->capacity = 0;
    int result = file->real->pMethods ? file->real->pMethods->xClose(file->real) : SQLITE_OK;
    return flushed != SQLITE_OK ? flushed : result;
}

static int gatheringRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset) {
    FLUSHED(file);
    return REAL(file)->pMethods->xRead(REAL(file), data, amount, offset);
}
static int gatheringTruncate(sqlite3_file *file, sqlite3_int64 size) {
    FLUSHED(file);
    return REAL(file)->pMethods->xTruncate(REAL(file), size);
}
static int gatheringSync(sqlite3_file *file, int flags) {
    FLUSHED(file);
    return REAL(file)->pMethods->xSync(REAL(file), flags);
}
static int gatheringFileSize(sqlite3_file *file, sqlite3_int64 *size) {
    FLUSHED(file);
    return REAL(file)->pMethods->xFileSize(REAL(file), size);
}
static int gatheringLock(sqlite3_file *file, int lock) {
    FLUSHED(file);
    return REAL(file)->pMethods->xLock(REAL(file), lock);
}
static int gatheringUnlock(sqlite3_file *file, int lock) {
    FLUSHED(file);
    return REAL(file)->pMethods->xUnlock(REAL(file), lock);
}
static int gatheringCheckReservedLock(sqlite3_file *file, int *reserved) {
    FLUSHED(file);
    return REAL(file)->pMethods->xCheckReservedLock(REAL(file), reserved);
}
static int gatheringFileControl(sqlite3_file *file, int op, void *argument) {
    FLUSHED(file);
    return REAL(file)->pMethods->xFileControl(REAL(file), op, argument);
}
static int gatheringSectorSize(sqlite3_file *file) {
    return REAL(file)->pMethods->xSectorSize(REAL(file));
}
static int gatheringDeviceCharacteristics(sqlite3_file *file) {
    return REAL(file)->pMethods->xDeviceCharacteristics(REAL(file));
}
static int gatheringShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **memory) {
    FLUSHED(file);
    return REAL(file)->pMethods->xShmMap(REAL(file), region, size, extend, memory);
}
static int gatheringShmLock(sqlite3_file *file, int offset, int count, int flags) {
    FLUSHED(file);
    return REAL(file)->pMethods->xShmLock(REAL(file), offset, count, flags);
}
static void gatheringShmBarrier(sqlite3_file *file) {
    /* Never holds log bytes here (the shared index belongs to the database file), but in case. */
    flush((GatheringFile *)file);
    REAL(file)->pMethods->xShmBarrier(REAL(file));
}
static int gatheringShmUnmap(sqlite3_file *file, int deleteFlag) {
    FLUSHED(file);
    return REAL(file)->pMethods->xShmUnmap(REAL(file), deleteFlag);
}
static int gatheringFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer) {
    FLUSHED(file);
    return REAL(file)->pMethods->xFetch(REAL(file), offset, amount, pointer);
}
static int gatheringUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *pointer) {
    return REAL(file)->pMethods->xUnfetch(REAL(file), offset, pointer);
}

static int gatheringOpen(sqlite3_vfs *vfs, const char *name, sqlite3_file *base, int flags, int *outFlags) {
    (void)vfs;
    GatheringFile *file = (GatheringFile *)base;
    memset(file, 0, sizeof(GatheringFile));
    file->real = (sqlite3_file *)&file[1];
    int result = realVFS->xOpen(realVFS, name, file->real, flags, outFlags);
    /* A file the default VFS did not open has no methods, and SQLite will not close it. */
    if (file->real->pMethods == NULL) return result;
    /* Only where SQLite appends whole frames: without power-safe overwrite it pads a commit to
     * the sector boundary and splits the commit frame's write around a sync. */
    file->isLog = (flags & SQLITE_OPEN_WAL) != 0
        && (file->real->pMethods->xDeviceCharacteristics(file->real) & SQLITE_IOCAP_POWERSAFE_OVERWRITE) != 0;
    base->pMethods = &gatheringMethods;
    return result;
}

static int delegateDelete(sqlite3_vfs *vfs, const char *name, int syncDir) { (void)vfs; return realVFS->xDelete(realVFS, name, syncDir); }
static int delegateAccess(sqlite3_vfs *vfs, const char *name, int flags, int *out) { (void)vfs; return realVFS->xAccess(realVFS, name, flags, out); }
static int delegateFullPathname(sqlite3_vfs *vfs, const char *name, int size, char *out) { (void)vfs; return realVFS->xFullPathname(realVFS, name, size, out); }
static void *delegateDlOpen(sqlite3_vfs *vfs, const char *name) { (void)vfs; return realVFS->xDlOpen(realVFS, name); }
static void delegateDlError(sqlite3_vfs *vfs, int size, char *out) { (void)vfs; realVFS->xDlError(realVFS, size, out); }
static void (*delegateDlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) { (void)vfs; return realVFS->xDlSym(realVFS, handle, symbol); }
static void delegateDlClose(sqlite3_vfs *vfs, void *handle) { (void)vfs; realVFS->xDlClose(realVFS, handle); }
static int delegateRandomness(sqlite3_vfs *vfs, int size, char *out) { (void)vfs; return realVFS->xRandomness(realVFS, size, out); }
static int delegateSleep(sqlite3_vfs *vfs, int microseconds) { (void)vfs; return realVFS->xSleep(realVFS, microseconds); }
static int delegateCurrentTime(sqlite3_vfs *vfs, double *now) { (void)vfs; return realVFS->xCurrentTime(realVFS, now); }
static int delegateGetLastError(sqlite3_vfs *vfs, int size, char *out) { (void)vfs; return realVFS->xGetLastError(realVFS, size, out); }
static int delegateCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *now) { (void)vfs; return realVFS->xCurrentTimeInt64(realVFS, now); }
static int delegateSetSystemCall(sqlite3_vfs *vfs, const char *name, sqlite3_syscall_ptr call) { (void)vfs; return realVFS->xSetSystemCall(realVFS, name, call); }
static sqlite3_syscall_ptr delegateGetSystemCall(sqlite3_vfs *vfs, const char *name) { (void)vfs; return realVFS->xGetSystemCall(realVFS, name); }
static const char *delegateNextSystemCall(sqlite3_vfs *vfs, const char *name) { (void)vfs; return realVFS->xNextSystemCall(realVFS, name); }

static int registration = SQLITE_ERROR;
static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void registerOnce(void) {
    realVFS = sqlite3_vfs_find(NULL);
    if (realVFS == NULL) { registration = SQLITE_ERROR; return; }
    /* Version 3 file methods only over a default VFS that has them (the unix VFS does). */
    if (realVFS->iVersion < 3) { registration = SQLITE_ERROR; return; }
    gatheringMethods = (sqlite3_io_methods){
        .iVersion = 3,
        .xClose = gatheringClose, .xRead = gatheringRead, .xWrite = gatheringWrite,
        .xTruncate = gatheringTruncate, .xSync = gatheringSync, .xFileSize = gatheringFileSize,
        .xLock = gatheringLock, .xUnlock = gatheringUnlock, .xCheckReservedLock = gatheringCheckReservedLock,
        .xFileControl = gatheringFileControl, .xSectorSize = gatheringSectorSize,
        .xDeviceCharacteristics = gatheringDeviceCharacteristics,
        .xShmMap = gatheringShmMap, .xShmLock = gatheringShmLock, .xShmBarrier = gatheringShmBarrier,
        .xShmUnmap = gatheringShmUnmap, .xFetch = gatheringFetch, .xUnfetch = gatheringUnfetch,
    };
    gatheringVFS = (sqlite3_vfs){
        .iVersion = 3,
        .szOsFile = (int)sizeof(GatheringFile) + realVFS->szOsFile,
        .mxPathname = realVFS->mxPathname,
        .zName = TSP_COMMIT_WRITES_VFS,
        .xOpen = gatheringOpen, .xDelete = delegateDelete, .xAccess = delegateAccess,
        .xFullPathname = delegateFullPathname, .xDlOpen = delegateDlOpen, .xDlError = delegateDlError,
        .xDlSym = delegateDlSym, .xDlClose = delegateDlClose, .xRandomness = delegateRandomness,
        .xSleep = delegateSleep, .xCurrentTime = delegateCurrentTime, .xGetLastError = delegateGetLastError,
        .xCurrentTimeInt64 = delegateCurrentTimeInt64, .xSetSystemCall = delegateSetSystemCall,
        .xGetSystemCall = delegateGetSystemCall, .xNextSystemCall = delegateNextSystemCall,
    };
    registration = sqlite3_vfs_register(&gatheringVFS, 1);
}

int tsp_commit_writes_register(void) {
    pthread_once(&registered, registerOnce);
    return registration;
}

tsp_commit_writes_counts tsp_commit_writes_counts_now(void) {
    tsp_commit_writes_counts counts = {
        atomic_load_explicit(&writesCount, memory_order_relaxed),
        atomic_load_explicit(&framesCount, memory_order_relaxed),
    };
    return counts;
}
