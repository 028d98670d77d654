import CLinuxShim
import FieldBus

/// Direction on the RTS modem line: ioctl TIOCMBIS(TIOCM_RTS) asserts the transmitter,
/// TIOCMBIC(TIOCM_RTS) releases it. The master times the release (drain, last character, guard).
/// Checked at start with TIOCMGET so a tty without modem lines (a pty) is refused at once.
public struct RTSDirection: DirectionControl {
    public let path: String
    private let fd: Int32

    public var isAutomatic: Bool { false }

    public init(fd: Int32, path: String) throws(DeviceIOError) {
        self.fd = fd
        self.path = path
        var bits: Int32 = 0
        do {
            try SystemCall.run("ioctl(TIOCMGET)", policy: .retry) { cmmgate_ioctl_modem_bits_get(fd, &bits) }
        } catch {
            throw DeviceIOError(.unsupported, "\(path): no RTS modem line (\(error.message))",
                                errno: error.errno, cause: error.cause)
        }
        try releaseTransmit()
    }

    public mutating func assertTransmit() throws(DeviceIOError) {
        let fd = fd
        do {
            try SystemCall.run("ioctl(TIOCMBIS)", policy: .retry) { cmmgate_ioctl_modem_bits_set(fd, cmmgate_tiocm_rts) }
        } catch {
            throw SerialPort.classify(error).context("\(path): assert RTS")
        }
    }

    public mutating func releaseTransmit() throws(DeviceIOError) {
        let fd = fd
        do {
            try SystemCall.run("ioctl(TIOCMBIC)", policy: .retry) { cmmgate_ioctl_modem_bits_clear(fd, cmmgate_tiocm_rts) }
        } catch {
            throw SerialPort.classify(error).context("\(path): release RTS")
        }
    }
}
