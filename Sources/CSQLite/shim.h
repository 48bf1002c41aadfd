#include <sqlite3.h>

/// Turns SQLite's allocation statistics off. Left on, every SQLite allocation and free takes one process-wide mutex,
/// which threads using SQLite at once contend for. It takes effect only before SQLite initialises (the first
/// connection opened); afterwards SQLite answers SQLITE_MISUSE and nothing changes.
static inline int kiosk_sqlite3_stop_allocation_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
