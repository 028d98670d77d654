// See include/CLinuxShim.h. The daemon's signal flags, adjtimex, syslog and thread names:
// things Swift cannot do itself (a C signal handler, a variadic syslog, GNU extensions).
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <syslog.h>

#include "CLinuxShim.h"

const unsigned cmmgate_signal_flag_terminate = 1u << 0;
const unsigned cmmgate_signal_flag_interrupt = 1u << 1;
const unsigned cmmgate_signal_flag_hangup = 1u << 2;

// Set by the handler, read and cleared by cmmgate_signal_flags_take. sig_atomic_t is an int on
// every Linux ABI, and the __atomic builtins on it are lock-free, so they are async-signal-safe.
static volatile sig_atomic_t terminate_flag;
static volatile sig_atomic_t interrupt_flag;
static volatile sig_atomic_t hangup_flag;

static void set_flag(int signal_number) {
    // Only a store: no allocation, no locks, no errno change (signal-safety(7)).
    switch (signal_number) {
    case SIGTERM: terminate_flag = 1; break;
    case SIGINT: interrupt_flag = 1; break;
    case SIGHUP: hangup_flag = 1; break;
    default: break;
    }
}

static const int handled_signals[] = { SIGTERM, SIGINT, SIGHUP };

int cmmgate_signal_flags_install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = set_flag;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof handled_signals / sizeof handled_signals[0]; i++) {
        if (sigaction(handled_signals[i], &action, NULL) != 0) return -1;
    }
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    return sigaction(SIGPIPE, &ignore, NULL);
}

unsigned cmmgate_signal_flags_take(void) {
    unsigned flags = 0;
    if (__atomic_exchange_n(&terminate_flag, 0, __ATOMIC_SEQ_CST)) flags |= cmmgate_signal_flag_terminate;
    if (__atomic_exchange_n(&interrupt_flag, 0, __ATOMIC_SEQ_CST)) flags |= cmmgate_signal_flag_interrupt;
    if (__atomic_exchange_n(&hangup_flag, 0, __ATOMIC_SEQ_CST)) flags |= cmmgate_signal_flag_hangup;
    return flags;
}

int cmmgate_signal_flags_block_in_thread(void) {
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof handled_signals / sizeof handled_signals[0]; i++) {
        sigaddset(&set, handled_signals[i]);
    }
    int result = pthread_sigmask(SIG_BLOCK, &set, NULL);
    if (result != 0) {
        errno = result;  // pthread_sigmask returns the error number; the funnel expects -1/errno
        return -1;
    }
    return 0;
}

const int cmmgate_time_error = TIME_ERROR;
const int cmmgate_sta_unsync = STA_UNSYNC;

int cmmgate_adjtimex_read(cmmgate_clock_state *out) {
    struct timex timex;
    memset(&timex, 0, sizeof timex);  // modes = 0: read only
    int result = adjtimex(&timex);
    if (result >= 0) {
        out->state = result;
        out->status = timex.status;
        out->maxerror = timex.maxerror;
        out->esterror = timex.esterror;
    }
    return result;
}

const int cmmgate_log_daemon = LOG_DAEMON;

void cmmgate_syslog_open(const char *ident, int facility) {
    // openlog keeps the pointer: the copy is never freed (one per call, the daemon calls it once).
    char *copy = strdup(ident);
    openlog(copy != NULL ? copy : "cmmgate", LOG_PID | LOG_NDELAY, facility);
}

void cmmgate_syslog(int priority, const char *message) { syslog(priority, "%s", message); }

int cmmgate_thread_set_name(const char *name) {
    char cut[16];
    strncpy(cut, name, sizeof cut - 1);
    cut[sizeof cut - 1] = '\0';
    return pthread_setname_np(pthread_self(), cut);
}
