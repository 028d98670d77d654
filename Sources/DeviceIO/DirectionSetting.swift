import FieldBus

extension DirectionSetting {
    /// Parses the text form (`DirectionSetting.parse`); throws `.invalidArgument` saying what is accepted.
    public init(parsing text: String) throws(DeviceIOError) {
        guard let setting = DirectionSetting.parse(text) else {
            throw DeviceIOError(.invalidArgument, "direction '\(text)' is not \(DirectionSetting.forms)")
        }
        self = setting
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
