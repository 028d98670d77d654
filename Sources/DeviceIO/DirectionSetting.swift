import FieldBus

/// How a bus turns its RS-485 pair around, as written in the config and on the command line:
/// `kernel` (or `kernel:BEFORE_MS:AFTER_MS`, the driver's RTS delays around a send),
/// `gpio:CHIP:LINE`, `rts` or `none`.
public enum DirectionSetting: Sendable, Equatable, CustomStringConvertible {
    case kernel(delayBeforeSendMilliseconds: UInt32, delayAfterSendMilliseconds: UInt32)
    case gpio(chip: String, line: UInt32)
    case rts
    case none

    /// Parses the text form; throws `.invalidArgument` saying what is accepted.
    public init(parsing text: String) throws(DeviceIOError) {
        switch text {
        case "kernel": self = .kernel(delayBeforeSendMilliseconds: 0, delayAfterSendMilliseconds: 0)
        case "rts": self = .rts
        case "none": self = .none
        default:
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count == 3, parts[0] == "kernel", let before = UInt32(parts[1]), let after = UInt32(parts[2]) {
                self = .kernel(delayBeforeSendMilliseconds: before, delayAfterSendMilliseconds: after)
                return
            }
            guard parts.count == 3, parts[0] == "gpio", !parts[1].isEmpty, let line = UInt32(parts[2]) else {
                throw DeviceIOError(.invalidArgument,
                                    "direction '\(text)' is not kernel[:BEFORE_MS:AFTER_MS], gpio:CHIP:LINE (e.g. gpio:gpiochip0:17), rts or none")
            }
            self = .gpio(chip: String(parts[1]), line: line)
        }
    }

    public var description: String {
        switch self {
        case .kernel(0, 0): return "kernel"
        case .kernel(let before, let after): return "kernel:\(before):\(after)"
        case .gpio(let chip, let line): return "gpio:\(chip):\(line)"
        case .rts: return "rts"
        case .none: return "none"
        }
    }

    /// Sets the direction control up for `port` (the kernel and RTS modes ioctl its tty).
    public func open(for port: SerialPort) throws(DeviceIOError) -> SerialDirection {
        switch self {
        case .kernel(let before, let after):
            return .kernel(try KernelRS485Direction(
                fd: port.fileDescriptor, path: port.settings.path,
                delayBeforeSendMilliseconds: before, delayAfterSendMilliseconds: after))
        case .gpio(let chip, let line): return .gpio(try GPIODirection(chip: chip, line: line))
        case .rts: return .rts(try RTSDirection(fd: port.fileDescriptor, path: port.settings.path))
        case .none: return .none(NoDirection())
        }
    }
}

/// One of the four direction controls, as a concrete type for the generic bus runner.
public enum SerialDirection: DirectionControl {
    case kernel(KernelRS485Direction)
    case gpio(GPIODirection)
    case rts(RTSDirection)
    case none(NoDirection)

    public var isAutomatic: Bool {
        switch self {
        case .kernel(let control): return control.isAutomatic
        case .gpio(let control): return control.isAutomatic
        case .rts(let control): return control.isAutomatic
        case .none(let control): return control.isAutomatic
        }
    }

    public mutating func assertTransmit() throws(DeviceIOError) {
        switch self {
        case .kernel: return
        case .gpio(let control): try control.assertTransmit()
        case .rts(var control): try control.assertTransmit(); self = .rts(control)
        case .none: return
        }
    }

    public mutating func releaseTransmit() throws(DeviceIOError) {
        switch self {
        case .kernel: return
        case .gpio(let control): try control.releaseTransmit()
        case .rts(var control): try control.releaseTransmit(); self = .rts(control)
        case .none: return
        }
    }
}
