#include "nocase_collation.h"

#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

static const uint64_t ones = 0x0101010101010101ULL;
static const uint64_t high_bits = 0x8080808080808080ULL;

static inline unsigned char folded_byte(unsigned char byte) {
    return (byte >= 'A' && byte <= 'Z') ? (unsigned char)(byte | 0x20) : byte;
}

/* ASCII capitals made small in eight bytes below 0x80: a byte is a capital when adding 0x3F
 * sets its high bit (>= 'A') and adding 0x25 does not (<= 'Z'); no sum carries over. */
static inline uint64_t folded_word(uint64_t word) {
    uint64_t capitals = (word + 0x3F * ones) & ~(word + 0x25 * ones) & high_bits;
    return word | (capitals >> 2);
}

static inline int has_zero_byte(uint64_t word) {
    return ((word - ones) & ~word & high_bits) != 0;
}

/* sqlite3StrNICmp(a, b, count): the folded difference at the first byte that differs once
 * folded or is NUL in `a`, or 0 after `count` equal bytes. */
static int compare_prefix(const unsigned char *a, const unsigned char *b, int count) {
    int index = 0;
    while (index + 8 <= count) {
        uint64_t x, y;
        memcpy(&x, a + index, 8);
        memcpy(&y, b + index, 8);
        if (x != y) {
            if ((x | y) & high_bits) break;
            if (folded_word(x) != folded_word(y)) break;
        }
        if (has_zero_byte(x)) break;
        index += 8;
    }
    for (; index < count; index++) {
        unsigned char left = folded_byte(a[index]), right = folded_byte(b[index]);
        if (a[index] == 0 || left != right) return (int)left - (int)right;
    }
    return 0;
}

int tsp_nocase_compare(int length1, const void *key1, int length2, const void *key2) {
    int result;
    /* sqlite3StrNICmp's answers for missing keys, whatever the length. */
    if (key1 == NULL) {
        result = key2 ? -1 : 0;
    } else if (key2 == NULL) {
        result = 1;
    } else {
        result = compare_prefix(key1, key2, length1 < length2 ? length1 : length2);
    }
    return result != 0 ? result : length1 - length2;
}

static int nocase_collation(void *unused, int length1, const void *key1, int length2, const void *key2) {
    (void)unused;
    return tsp_nocase_compare(length1, key1, length2, key2);
}

int tsp_nocase_collation_register(void *connection) {
    return sqlite3_create_collation_v2((sqlite3 *)connection, "NOCASE", SQLITE_UTF8, NULL, nocase_collation, NULL);
}
