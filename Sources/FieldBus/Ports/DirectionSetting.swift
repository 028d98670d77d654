/// How a bus turns its RS-485 pair around, as written in the site configuration and on the
/// command line: `kernel` (or `kernel:BEFORE_MS:AFTER_MS`, the UART driver's RTS delays around a
/// send), `gpio:CHIP:LINE`, `rts` or `none`. Pure: the configuration checks it before any IO;
/// DeviceIO opens it (`DirectionSetting.open(for:)`) into a `DirectionControl`.
public enum DirectionSetting: Sendable, Equatable, CustomStringConvertible {
    case kernel(delayBeforeSendMilliseconds: UInt32, delayAfterSendMilliseconds: UInt32)
    case gpio(chip: String, line: UInt32)
    case rts
    case none

    /// What the text form accepts, for error messages.
    public static let forms = "kernel[:BEFORE_MS:AFTER_MS], gpio:CHIP:LINE (e.g. gpio:gpiochip0:17), rts or none"

    /// Longest RTS delay the kernel form accepts (the driver clamps larger values anyway).
    public static let maximumKernelDelayMilliseconds: UInt32 = 1000

    /// The direction written `text`, or nil when it is none of `forms`.
    public static func parse(_ text: String) -> DirectionSetting? {
        switch text {
        case "kernel": return .kernel(delayBeforeSendMilliseconds: 0, delayAfterSendMilliseconds: 0)
        case "rts": return .rts
        case "none": return DirectionSetting.none
        default:
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            if parts[0] == "kernel", let before = UInt32(parts[1]), let after = UInt32(parts[2]),
               before <= maximumKernelDelayMilliseconds, after <= maximumKernelDelayMilliseconds {
                return .kernel(delayBeforeSendMilliseconds: before, delayAfterSendMilliseconds: after)
            }
            if parts[0] == "gpio", !parts[1].isEmpty, let line = UInt32(parts[2]) {
                return .gpio(chip: String(parts[1]), line: line)
            }
            return nil
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
}
