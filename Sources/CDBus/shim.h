#ifndef TSPROVIDER_CDBUS_SHIM_H
#define TSPROVIDER_CDBUS_SHIM_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dbus/dbus.h>
#include <pthread.h>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Swift 6 rejects the mutable C global `environ`; child processes inherit it through this. */
static inline char **cdbus_environment(void) {
    extern char **environ;
    return environ;
}

/* The event loop's wakeup descriptor (eventfd's flags are macros Swift can't see). */
static inline int cdbus_wakeup_descriptor(void) {
    return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

/* Names the calling thread so loop threads are recognisable in tools and tests. */
static inline void cdbus_name_current_thread(const char *name) {
    pthread_setname_np(pthread_self(), name);
}

/* A pipe whose ends are close-on-exec from the start, so no concurrent spawn inherits them. */
static inline int cdbus_pipe_cloexec(int descriptors[2]) {
    return pipe2(descriptors, O_CLOEXEC);
}

/* The kernel's id of the calling thread (what /proc/self/task lists). */
static inline int cdbus_kernel_thread_id(void) {
    return (int)gettid();
}

/* How many bytes a socket holds unread (FIONREAD is a macro and ioctl variadic: Swift sees neither); -1 on error. */
static inline int cdbus_unread_bytes(int descriptor) {
    int count = 0;
    return ioctl(descriptor, FIONREAD, &count) == 0 ? count : -1;
}

#endif
