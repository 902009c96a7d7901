#ifndef TSPROVIDER_CLIBPQ_SHIM_H
#define TSPROVIDER_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>
#include <sys/stat.h>

/* The diagnostic field codes are character macros Swift does not import. */
static inline int clibpq_field_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int clibpq_field_message(void) { return PG_DIAG_MESSAGE_PRIMARY; }
static inline int clibpq_field_detail(void) { return PG_DIAG_MESSAGE_DETAIL; }

/* Waits until the socket is readable or `milliseconds` pass; poll's flags are macros. */
static inline int clibpq_wait_readable(int socket, int milliseconds) {
    struct pollfd descriptor = { .fd = socket, .events = POLLIN, .revents = 0 };
    return poll(&descriptor, 1, milliseconds);
}
#endif
