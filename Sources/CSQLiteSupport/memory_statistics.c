#include "memory_statistics.h"

#include <sqlite3.h>

int tsp_sqlite_stop_counting_memory(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
