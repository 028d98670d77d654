import CLinuxShim
import FieldBus

/// Direction by the UART driver's RS-485 mode: ioctl TIOCSRS485 with SER_RS485_ENABLED and
/// RTS on send, the configured delays before and after send, then TIOCGRS485 to read back
/// what the driver applied. The kernel drives RTS around each transmission, so the master
/// neither asserts nor releases (`isAutomatic`).
///
/// Refuses to start (throws `.unsupported` naming the port and the driver's answer) when the
/// driver has no RS-485 mode (ENOTTY/EINVAL/ENOIOCTLCMD: a USB adapter, a pty) or when the
/// read-back does not show RS-485 enabled with RTS on send.
public struct KernelRS485Direction: DirectionControl {
    public let path: String
    public let delayBeforeSendMilliseconds: UInt32
    public let delayAfterSendMilliseconds: UInt32

    public var isAutomatic: Bool { true }

    /// Switches the driver behind `fd` (the open port at `path`) to RS-485 mode.
    public init(fd: Int32, path: String, delayBeforeSendMilliseconds: UInt32 = 0,
                delayAfterSendMilliseconds: UInt32 = 0) throws(DeviceIOError) {
        self.path = path
        self.delayBeforeSendMilliseconds = delayBeforeSendMilliseconds
        self.delayAfterSendMilliseconds = delayAfterSendMilliseconds
        var wanted = cmmgate_rs485_config()
        wanted.flags = cmmgate_ser_rs485_enabled | cmmgate_ser_rs485_rts_on_send
        wanted.delay_rts_before_send = delayBeforeSendMilliseconds
        wanted.delay_rts_after_send = delayAfterSendMilliseconds
        var applied = cmmgate_rs485_config()
        do {
            try SystemCall.run("ioctl(TIOCSRS485)", policy: .retry) { cmmgate_ioctl_set_rs485(fd, &wanted) }
            try SystemCall.run("ioctl(TIOCGRS485)", policy: .retry) { cmmgate_ioctl_get_rs485(fd, &applied) }
        } catch {
            throw DeviceIOError(
                .unsupported,
                "\(path): the driver has no kernel RS-485 mode (\(error.message): \(error.cause ?? "errno \(error.errno ?? 0)")); use --direction gpio:CHIP:LINE, rts or none",
                errno: error.errno, cause: error.cause)
        }
        let needed = cmmgate_ser_rs485_enabled | cmmgate_ser_rs485_rts_on_send
        guard applied.flags & needed == needed else {
            throw DeviceIOError(
                .unsupported,
                "\(path): the driver accepted TIOCSRS485 but reads back flags 0x\(String(applied.flags, radix: 16)) without RS-485 enabled and RTS on send")
        }
    }

    public mutating func assertTransmit() throws(DeviceIOError) {}
    public mutating func releaseTransmit() throws(DeviceIOError) {}
}
