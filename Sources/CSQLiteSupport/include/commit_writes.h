#ifndef TSP_COMMIT_WRITES_H
#define TSP_COMMIT_WRITES_H

/*
 * An SQLite VFS that writes each transaction's write-ahead-log frames to the file in one
 * pwrite rather than two per page (a frame's 24-byte header, then its page). Everything else
 * is the default VFS's. See commit_writes.c for when the gathered bytes go out.
 */

/* The VFS's name. */
#define TSP_COMMIT_WRITES_VFS "tsp-commit-writes"

/*
 * Registers the VFS over the current default one and makes it the default. Safe to call more
 * than once and from several threads; returns an SQLite result code.
 */
int tsp_commit_writes_register(void);

/* Writes to log files that reached the file system, and frames gathered into them, so far. */
typedef struct {
    long long writes;
    long long frames;
} tsp_commit_writes_counts;

tsp_commit_writes_counts tsp_commit_writes_counts_now(void);

#endif
