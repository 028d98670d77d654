// See include/CLinuxShim.h. One ioctl per function, no retries, errno preserved.
#include "CLinuxShim.h"

#include <linux/serial.h>
#include <linux/watchdog.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

const uint32_t cmmgate_ser_rs485_enabled = SER_RS485_ENABLED;
const uint32_t cmmgate_ser_rs485_rts_on_send = SER_RS485_RTS_ON_SEND;
const uint32_t cmmgate_ser_rs485_rts_after_send = SER_RS485_RTS_AFTER_SEND;
const uint32_t cmmgate_ser_rs485_rx_during_tx = SER_RS485_RX_DURING_TX;
const int cmmgate_tiocm_rts = TIOCM_RTS;

int cmmgate_ioctl_get_rs485(int fd, cmmgate_rs485_config *out) {
    struct serial_rs485 rs485;
    memset(&rs485, 0, sizeof rs485);
    int result = ioctl(fd, TIOCGRS485, &rs485);
    if (result == 0) {
        out->flags = rs485.flags;
        out->delay_rts_before_send = rs485.delay_rts_before_send;
        out->delay_rts_after_send = rs485.delay_rts_after_send;
    }
    return result;
}

int cmmgate_ioctl_set_rs485(int fd, const cmmgate_rs485_config *config) {
    struct serial_rs485 rs485;
    memset(&rs485, 0, sizeof rs485);
    rs485.flags = config->flags;
    rs485.delay_rts_before_send = config->delay_rts_before_send;
    rs485.delay_rts_after_send = config->delay_rts_after_send;
    return ioctl(fd, TIOCSRS485, &rs485);
}

int cmmgate_ioctl_set_exclusive(int fd) { return ioctl(fd, TIOCEXCL); }
int cmmgate_ioctl_clear_exclusive(int fd) { return ioctl(fd, TIOCNXCL); }

int cmmgate_ioctl_modem_bits_set(int fd, int bits) { return ioctl(fd, TIOCMBIS, &bits); }
int cmmgate_ioctl_modem_bits_clear(int fd, int bits) { return ioctl(fd, TIOCMBIC, &bits); }
int cmmgate_ioctl_modem_bits_get(int fd, int *bits) { return ioctl(fd, TIOCMGET, bits); }

int cmmgate_ioctl_watchdog_keepalive(int fd) { return ioctl(fd, WDIOC_KEEPALIVE, 0); }
int cmmgate_ioctl_watchdog_set_timeout(int fd, int *seconds) { return ioctl(fd, WDIOC_SETTIMEOUT, seconds); }
int cmmgate_ioctl_watchdog_get_timeout(int fd, int *seconds) { return ioctl(fd, WDIOC_GETTIMEOUT, seconds); }
