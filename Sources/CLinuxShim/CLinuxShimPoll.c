// See include/CLinuxShim.h. ppoll(2) is a GNU extension: glibc declares it only under
// _GNU_SOURCE, which Swift's Glibc module does not define.
#define _GNU_SOURCE
#include <poll.h>
#include <time.h>

#include "CLinuxShim.h"

int cmmgate_ppoll_one(int fd, short events, int64_t timeout_ns, short *revents) {
    struct pollfd entry = { .fd = fd, .events = events, .revents = 0 };
    if (timeout_ns < 0) timeout_ns = 0;
    struct timespec timeout = { .tv_sec = (time_t)(timeout_ns / 1000000000), .tv_nsec = (long)(timeout_ns % 1000000000) };
    int result = ppoll(&entry, 1, &timeout, NULL);
    *revents = entry.revents;
    return result;
}
