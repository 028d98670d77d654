import CLinuxShim
import Glibc
import Testing

/// The ioctl shims against a pseudo-terminal: a pty is a tty (TIOCEXCL works) but has no
/// UART behind it, so the RS-485 and modem-line ioctls must fail with ENOTTY, which is
/// exactly what the kernel-direction mode must detect to refuse to start with a clear message.
@Suite struct LinuxShimTests {
    private func withPty(_ body: (Int32) throws -> Void) throws {
        var controller: Int32 = -1
        var device: Int32 = -1
        #expect(openpty(&controller, &device, nil, nil, nil) == 0)
        defer {
            close(controller)
            close(device)
        }
        try body(device)
    }

    @Test func exclusiveAccessCanBeTakenAndReleasedOnATty() throws {
        try withPty { fd in
            #expect(cmmgate_ioctl_set_exclusive(fd) == 0)
            #expect(cmmgate_ioctl_clear_exclusive(fd) == 0)
        }
    }

    @Test func rs485ModeIsReportedUnsupportedOnAPty() throws {
        try withPty { fd in
            var config = cmmgate_rs485_config()
            errno = 0
            #expect(cmmgate_ioctl_get_rs485(fd, &config) == -1)
            #expect(errno == ENOTTY)
            config.flags = cmmgate_ser_rs485_enabled | cmmgate_ser_rs485_rts_on_send
            errno = 0
            #expect(cmmgate_ioctl_set_rs485(fd, &config) == -1)
            #expect(errno == ENOTTY)
        }
    }

    @Test func modemLinesAreReportedUnsupportedOnAPty() throws {
        try withPty { fd in
            var bits: Int32 = 0
            errno = 0
            #expect(cmmgate_ioctl_modem_bits_get(fd, &bits) == -1)
            #expect(errno == ENOTTY)
            #expect(cmmgate_ioctl_modem_bits_set(fd, cmmgate_tiocm_rts) == -1)
        }
    }

    @Test func watchdogIoctlsFailCleanlyOnAnOrdinaryFile() throws {
        let fd = open("/dev/null", O_RDWR)
        #expect(fd >= 0)
        defer { close(fd) }
        var seconds: Int32 = 30
        errno = 0
        #expect(cmmgate_ioctl_watchdog_keepalive(fd) == -1)
        #expect(errno == ENOTTY)
        #expect(cmmgate_ioctl_watchdog_set_timeout(fd, &seconds) == -1)
        #expect(seconds == 30)
    }

    @Test func rs485FlagConstantsMatchTheKernelHeaders() {
        // linux/serial.h: SER_RS485_ENABLED (1 << 0), RTS_ON_SEND (1 << 1),
        // RTS_AFTER_SEND (1 << 2), RX_DURING_TX (1 << 4).
        #expect(cmmgate_ser_rs485_enabled == 1)
        #expect(cmmgate_ser_rs485_rts_on_send == 2)
        #expect(cmmgate_ser_rs485_rts_after_send == 4)
        #expect(cmmgate_ser_rs485_rx_during_tx == 16)
        #expect(cmmgate_tiocm_rts == 4)
    }
}
