#ifndef TSP_MEMORY_STATISTICS_H
#define TSP_MEMORY_STATISTICS_H

/*
 * Turns off SQLite's count of the memory it allocates (SQLITE_CONFIG_MEMSTATUS). Counting takes a
 * process-wide mutex and asks the allocator for each block's size on every allocation and free;
 * the store reads no memory statistics. Takes effect only before SQLite initializes (before the
 * first connection or VFS lookup); returns SQLITE_OK, or SQLITE_MISUSE once it is too late.
 */
int tsp_sqlite_stop_counting_memory(void);

#endif
