import CLinuxShim
import Glibc
import Wire

extension SerialPort {
    /// open(2), TIOCEXCL, tcgetattr/tcsetattr raw with `settings.format`, read back and
    /// compare, tcflush both queues. Closes the descriptor again on any failure.
    static func open(_ settings: SerialPortSettings) throws(DeviceIOError) -> Int32 {
        let path = settings.path
        let fd: Int32
        do throws(DeviceIOError) {
            fd = try SystemCall.run("open", policy: .retry) {
                Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
            }
        } catch {
            throw classify(error).context("open serial port \(path)")
        }
        do throws(DeviceIOError) {
            try configure(fd, settings)
        } catch {
            _ = Glibc.close(fd)
            throw classify(error).context("open serial port \(path)")
        }
        return fd
    }

    private static func configure(_ fd: Int32, _ settings: SerialPortSettings) throws(DeviceIOError) {
        do throws(DeviceIOError) {
            try SystemCall.run("ioctl(TIOCEXCL)", policy: .retry) { cmmgate_ioctl_set_exclusive(fd) }
        } catch where error.errno == ENOTTY {
            throw DeviceIOError(.invalidArgument, "not a terminal device (TIOCEXCL: ENOTTY)", errno: ENOTTY)
        }
        var attributes = termios()
        try SystemCall.run("tcgetattr", policy: .retry) { tcgetattr(fd, &attributes) }
        settings.apply(to: &attributes)
        try SystemCall.run("tcsetattr", policy: .retry) { tcsetattr(fd, TCSANOW, &attributes) }
        // tcsetattr succeeds if *any* change was applied: read back and compare.
        var applied = termios()
        try SystemCall.run("tcgetattr", policy: .retry) { tcgetattr(fd, &applied) }
        let accepted = SerialPortSettings.format(of: applied)
        guard accepted == settings.format else {
            throw DeviceIOError(
                .unsupported,
                "driver did not accept \(describe(settings.format)); it holds \(accepted.map(describe) ?? "an unknown speed")")
        }
        try SystemCall.run("tcflush", policy: .retry) { tcflush(fd, TCIOFLUSH) }
    }

    /// "9600 8E1"-style text.
    static func describe(_ format: SerialCharacterFormat) -> String {
        let parity: String
        switch format.parity {
        case .none: parity = "N"
        case .even: parity = "E"
        case .odd: parity = "O"
        }
        return "\(format.baud) \(format.dataBits)\(parity)\(format.stopBits)"
    }
}
