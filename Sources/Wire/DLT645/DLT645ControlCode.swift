/// The DL/T 645-2007 control byte C.
///
/// DL/T 645-2007 (control code C): bit 7 direction (0 = master→meter request,
/// 1 = meter→master reply), bit 6 abnormal reply flag, bit 5 follow-up frames exist,
/// bits 4…0 the function. Any byte is representable; unknown functions are kept raw.
public struct DLT645ControlCode: RawRepresentable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ rawValue: UInt8) { self.rawValue = rawValue }

    /// The function in bits 4…0.
    public enum Function: Sendable, Equatable, Hashable {
        case broadcastTime      // 0x08
        case readData           // 0x11
        case readFollowUp       // 0x12
        case readAddress        // 0x13
        case writeData          // 0x14
        case writeAddress       // 0x15
        case freeze             // 0x16
        case changeBaudRate     // 0x17
        case changePassword     // 0x18
        case clearMaximumDemand // 0x19
        case clearMeter         // 0x1A
        case clearEvents        // 0x1B
        /// Any other 5-bit function code, kept as received.
        case other(UInt8)

        public init(code: UInt8) {
            switch code & 0x1F {
            case 0x08: self = .broadcastTime
            case 0x11: self = .readData
            case 0x12: self = .readFollowUp
            case 0x13: self = .readAddress
            case 0x14: self = .writeData
            case 0x15: self = .writeAddress
            case 0x16: self = .freeze
            case 0x17: self = .changeBaudRate
            case 0x18: self = .changePassword
            case 0x19: self = .clearMaximumDemand
            case 0x1A: self = .clearMeter
            case 0x1B: self = .clearEvents
            case let other: self = .other(other)
            }
        }

        /// The 5-bit code.
        public var code: UInt8 {
            switch self {
            case .broadcastTime: 0x08
            case .readData: 0x11
            case .readFollowUp: 0x12
            case .readAddress: 0x13
            case .writeData: 0x14
            case .writeAddress: 0x15
            case .freeze: 0x16
            case .changeBaudRate: 0x17
            case .changePassword: 0x18
            case .clearMaximumDemand: 0x19
            case .clearMeter: 0x1A
            case .clearEvents: 0x1B
            case .other(let code): code & 0x1F
            }
        }

        /// English name of the function.
        public var name: String {
            switch self {
            case .broadcastTime: "broadcast time"
            case .readData: "read data"
            case .readFollowUp: "read follow-up data"
            case .readAddress: "read address"
            case .writeData: "write data"
            case .writeAddress: "write address"
            case .freeze: "freeze"
            case .changeBaudRate: "change baud rate"
            case .changePassword: "change password"
            case .clearMaximumDemand: "clear maximum demand"
            case .clearMeter: "clear meter"
            case .clearEvents: "clear events"
            case .other(let code): "function 0x\(Hex.byte2(code & 0x1F))"
            }
        }
    }

    /// Bit 7: the frame comes from the meter (a reply).
    public var isReply: Bool { rawValue & 0x80 != 0 }
    /// Bit 6: the meter could not answer normally; the data is an error word.
    public var isAbnormal: Bool { rawValue & 0x40 != 0 }
    /// Bit 5: more frames follow (read them with read follow-up, 0x12).
    public var hasFollowUp: Bool { rawValue & 0x20 != 0 }
    /// Bits 4…0.
    public var function: Function { Function(code: rawValue) }

    /// A control byte from its parts.
    public init(function: Function, isReply: Bool = false, isAbnormal: Bool = false, hasFollowUp: Bool = false) {
        rawValue = function.code | (isReply ? 0x80 : 0) | (isAbnormal ? 0x40 : 0) | (hasFollowUp ? 0x20 : 0)
    }

    /// 0x08, broadcast time (master, no reply).
    public static let broadcastTime = DLT645ControlCode(0x08)
    /// 0x11, read data request.
    public static let readData = DLT645ControlCode(0x11)
    /// 0x12, read follow-up data request.
    public static let readFollowUp = DLT645ControlCode(0x12)
    /// 0x13, read address request.
    public static let readAddress = DLT645ControlCode(0x13)
    /// 0x91, normal read-data reply.
    public static let readDataReply = DLT645ControlCode(0x91)
    /// 0xB1, normal read-data reply with follow-up frames.
    public static let readDataReplyWithFollowUp = DLT645ControlCode(0xB1)
    /// 0x93, read-address reply.
    public static let readAddressReply = DLT645ControlCode(0x93)
    /// 0xD1, abnormal read-data reply (data = one error word).
    public static let readDataAbnormalReply = DLT645ControlCode(0xD1)

    /// What the byte means, e.g. "read data, normal reply with follow-up".
    public var meaning: String {
        guard isReply else { return "\(function.name) request" }
        if isAbnormal { return "\(function.name), abnormal reply" }
        return "\(function.name), normal reply" + (hasFollowUp ? " with follow-up" : "")
    }

    public var description: String { "0x\(Hex.byte2(rawValue)) (\(meaning))" }
}
