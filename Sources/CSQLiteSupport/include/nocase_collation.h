#ifndef TSP_NOCASE_COLLATION_H
#define TSP_NOCASE_COLLATION_H

/*
 * SQLite's NOCASE collation, compared eight bytes at a time. Every index declared
 * COLLATE NOCASE compares keys through it on each insert and lookup; SQLite's own compares a
 * byte at a time through a folding table, and step classes share a 17-byte prefix
 * (`SMS_TaskSequence_`). The order is SQLite's to the byte (ASCII capitals fold, a NUL byte
 * ends the comparison, equal prefixes order by length), so indexes built by either stay valid.
 */

/* Replaces NOCASE on `connection` (an `sqlite3 *`); call before it prepares any statement.
 * Returns an SQLite result code. */
int tsp_nocase_collation_register(void *connection);

/* The comparison itself, as the collation answers it (tests compare it with SQLite's). */
int tsp_nocase_compare(int length1, const void *key1, int length2, const void *key2);

#endif
