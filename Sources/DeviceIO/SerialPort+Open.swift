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
        do throws(DeviceIOError) {
            try SystemCall.run("tcsetattr", policy: .retry) { tcsetattr(fd, TCSANOW, &attributes) }
        } catch where error.errno == EINVAL {
            // glibc's tcsetattr reads the settings back and reports EINVAL when PARENB or CSIZE
            // did not take, which is always so on a pty; the read-back below decides.
            guard try isPseudoTerminal(fd) else { throw error }
        }
        // tcsetattr succeeds if *any* change was applied: read back and compare.
        var applied = termios()
        try SystemCall.run("tcgetattr", policy: .retry) { tcgetattr(fd, &applied) }
        let accepted = SerialPortSettings.format(of: applied)
        var acceptable = accepted == settings.format
        if !acceptable { acceptable = try acceptsPseudoTerminal(fd, accepted, settings.format) }
        guard acceptable else {
            throw DeviceIOError(
                .unsupported,
                "driver did not accept \(describe(settings.format)); it holds \(accepted.map(describe) ?? "an unknown speed")")
        }
        try SystemCall.run("tcflush", policy: .retry) { tcflush(fd, TCIOFLUSH) }
    }

    /// A pseudo-terminal (Unix98 pty, device majors 136…143) has no character framing: Linux
    /// forces CS8 and clears PARENB on it. It is accepted when the baud and stop bits it keeps
    /// match, so tests and the simulator can run on ptys; a real UART must take all of it.
    private static func acceptsPseudoTerminal(_ fd: Int32, _ accepted: SerialCharacterFormat?,
                                              _ wanted: SerialCharacterFormat) throws(DeviceIOError) -> Bool {
        guard let accepted, accepted.baud == wanted.baud, accepted.stopBits == wanted.stopBits else { return false }
        return try isPseudoTerminal(fd)
    }

    /// fstat(2): a character device with a Unix98 pty slave major (136…143).
    private static func isPseudoTerminal(_ fd: Int32) throws(DeviceIOError) -> Bool {
        var status = stat()
        try SystemCall.run("fstat", policy: .retry) { fstat(fd, &status) }
        let device = UInt64(status.st_rdev)
        let major = ((device >> 8) & 0xFFF) | ((device >> 32) & ~UInt64(0xFFF))
        return status.st_mode & S_IFMT == S_IFCHR && (136...143).contains(major)
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
