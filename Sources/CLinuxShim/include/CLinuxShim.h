// CLinuxShim: Linux ioctls whose request numbers are macros (and the variadic
// ioctl(2) itself), which Swift cannot import. Each wrapper is one ioctl call;
// it returns ioctl's result (-1 with errno set on failure) and never retries:
// the EINTR policy belongs to DeviceIO's syscall funnel.
#ifndef CMMGATE_CLINUXSHIM_H
#define CMMGATE_CLINUXSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The fields of `struct serial_rs485` CMMGate uses (linux/serial.h).
typedef struct {
    uint32_t flags;                  ///< SER_RS485_* bits
    uint32_t delay_rts_before_send;  ///< milliseconds
    uint32_t delay_rts_after_send;   ///< milliseconds
} cmmgate_rs485_config;

/// SER_RS485_* flag values, exported as constants (they are macros in C).
extern const uint32_t cmmgate_ser_rs485_enabled;
extern const uint32_t cmmgate_ser_rs485_rts_on_send;
extern const uint32_t cmmgate_ser_rs485_rts_after_send;
extern const uint32_t cmmgate_ser_rs485_rx_during_tx;

/// ioctl(fd, TIOCGRS485, &serial_rs485): read the UART driver's RS-485 mode.
int cmmgate_ioctl_get_rs485(int fd, cmmgate_rs485_config *out);
/// ioctl(fd, TIOCSRS485, &serial_rs485): set the UART driver's RS-485 mode.
int cmmgate_ioctl_set_rs485(int fd, const cmmgate_rs485_config *config);

/// ioctl(fd, TIOCEXCL): no further open(2) of this tty except by root.
int cmmgate_ioctl_set_exclusive(int fd);
/// ioctl(fd, TIOCNXCL): undo TIOCEXCL.
int cmmgate_ioctl_clear_exclusive(int fd);

/// TIOCM_RTS, exported as a constant.
extern const int cmmgate_tiocm_rts;
/// ioctl(fd, TIOCMBIS, &bits): raise the given modem lines.
int cmmgate_ioctl_modem_bits_set(int fd, int bits);
/// ioctl(fd, TIOCMBIC, &bits): drop the given modem lines.
int cmmgate_ioctl_modem_bits_clear(int fd, int bits);
/// ioctl(fd, TIOCMGET, &bits): read the modem lines.
int cmmgate_ioctl_modem_bits_get(int fd, int *bits);

/// ioctl(fd, WDIOC_KEEPALIVE, 0): kick a hardware watchdog.
int cmmgate_ioctl_watchdog_keepalive(int fd);
/// ioctl(fd, WDIOC_SETTIMEOUT, &seconds): set the timeout; the driver writes back the one applied.
int cmmgate_ioctl_watchdog_set_timeout(int fd, int *seconds);
/// ioctl(fd, WDIOC_GETTIMEOUT, &seconds).
int cmmgate_ioctl_watchdog_get_timeout(int fd, int *seconds);

/// fallocate(fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, offset, length): the range reads as
/// zeros afterwards, stays allocated, and the file size is unchanged. -1 with errno on failure
/// (EOPNOTSUPP where the filesystem has no zero-range; the caller writes zeros instead).
int cmmgate_fallocate_zero_range(int fd, int64_t offset, int64_t length);

/// ppoll(fd, events, timeout): waits for `events` on one descriptor for at most `timeout_ns`
/// nanoseconds (poll(2) rounds to whole milliseconds); the events seen go to `*revents`.
/// Returns ppoll's result: 1 ready, 0 timed out, -1 with errno (EINTR included).
int cmmgate_ppoll_one(int fd, short events, int64_t timeout_ns, short *revents);

// --- Daemon plumbing (CLinuxShimDaemon.c) ---

/// Bits of `cmmgate_signal_flags_take`'s result, one per handled signal.
extern const unsigned cmmgate_signal_flag_terminate;  ///< SIGTERM
extern const unsigned cmmgate_signal_flag_interrupt;  ///< SIGINT
extern const unsigned cmmgate_signal_flag_hangup;     ///< SIGHUP
/// sigaction(2) for SIGTERM, SIGINT and SIGHUP with a handler that only sets that signal's
/// `volatile sig_atomic_t` flag (SA_RESTART; no other work in the handler), and SIG_IGN for
/// SIGPIPE (a closed peer is an EPIPE error, never a death). 0, or -1 with errno from sigaction.
int cmmgate_signal_flags_install(void);
/// Reads and clears the flags set since the last call, as `cmmgate_signal_flag_*` bits. Each flag
/// is exchanged with 0 atomically, so a signal arriving during the call is never lost.
unsigned cmmgate_signal_flags_take(void);
/// pthread_sigmask(SIG_BLOCK) of SIGTERM, SIGINT and SIGHUP in the calling thread, so they are
/// delivered to the main thread (worker threads call this first). 0, or -1 with errno.
int cmmgate_signal_flags_block_in_thread(void);

/// What adjtimex(2) reports about the kernel clock's discipline (struct timex, read only).
typedef struct {
    int state;         ///< adjtimex's return value: TIME_OK, TIME_INS, TIME_DEL, TIME_OOP, TIME_WAIT, TIME_ERROR
    int status;        ///< timex.status: STA_* bits
    long maxerror;     ///< timex.maxerror: maximum error, microseconds
    long esterror;     ///< timex.esterror: estimated error, microseconds
} cmmgate_clock_state;
/// TIME_ERROR and STA_UNSYNC (sys/timex.h macros), exported as constants.
extern const int cmmgate_time_error;
extern const int cmmgate_sta_unsync;
/// adjtimex(&timex) with timex.modes = 0 (read only: no privilege needed, nothing changes).
/// Returns adjtimex's result (the clock state, or -1 with errno) and fills `*out` on success.
int cmmgate_adjtimex_read(cmmgate_clock_state *out);

/// LOG_DAEMON (syslog.h), exported as a constant.
extern const int cmmgate_log_daemon;
/// openlog(ident, LOG_PID | LOG_NDELAY, facility), with `ident` copied (openlog keeps the pointer,
/// so the copy lives for the process). Calling it again replaces the identity.
void cmmgate_syslog_open(const char *ident, int facility);
/// syslog(priority, "%s", message): the message is never a format string.
void cmmgate_syslog(int priority, const char *message);

/// pthread_setname_np(pthread_self(), name): `name` is cut to the kernel's 15 bytes.
/// 0, or the error number pthread_setname_np returned.
int cmmgate_thread_set_name(const char *name);

#ifdef __cplusplus
}
#endif
#endif
