// See include/CLinuxShim.h. fallocate(2) is a GNU extension: glibc declares it, and the
// FALLOC_FL_* flags, only under _GNU_SOURCE, which Swift's Glibc module does not define.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/falloc.h>

#include "CLinuxShim.h"

int cmmgate_fallocate_zero_range(int fd, int64_t offset, int64_t length) {
    return fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
}
