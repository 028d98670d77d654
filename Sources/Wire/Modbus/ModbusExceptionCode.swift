/// A Modbus exception code (Modbus Application Protocol V1.1b3 §7, "MODBUS Exception Codes").
///
/// Codes the specification does not define are kept as `.unknown(raw)` so nothing is lost.
public enum ModbusExceptionCode: Sendable, Equatable, Hashable {
    /// 01: the function code is not supported by the server.
    case illegalFunction
    /// 02: the data address (start + quantity) is not allowed by the server.
    case illegalDataAddress
    /// 03: a value in the request (e.g. the quantity) is not allowed.
    case illegalDataValue
    /// 04: an unrecoverable error occurred while the server performed the action.
    case serverDeviceFailure
    /// 05: accepted, processing will take long (poll later).
    case acknowledge
    /// 06: the server is busy with a long-duration command; retry later.
    case serverDeviceBusy
    /// 08: memory parity error while reading a record file.
    case memoryParityError
    /// 0A: a gateway could not allocate a path to the target.
    case gatewayPathUnavailable
    /// 0B: a gateway got no response from the target device.
    case gatewayTargetFailedToRespond
    /// Any other code, as received.
    case unknown(UInt8)

    public init(rawValue: UInt8) {
        switch rawValue {
        case 0x01: self = .illegalFunction
        case 0x02: self = .illegalDataAddress
        case 0x03: self = .illegalDataValue
        case 0x04: self = .serverDeviceFailure
        case 0x05: self = .acknowledge
        case 0x06: self = .serverDeviceBusy
        case 0x08: self = .memoryParityError
        case 0x0A: self = .gatewayPathUnavailable
        case 0x0B: self = .gatewayTargetFailedToRespond
        default: self = .unknown(rawValue)
        }
    }

    public var rawValue: UInt8 {
        switch self {
        case .illegalFunction: return 0x01
        case .illegalDataAddress: return 0x02
        case .illegalDataValue: return 0x03
        case .serverDeviceFailure: return 0x04
        case .acknowledge: return 0x05
        case .serverDeviceBusy: return 0x06
        case .memoryParityError: return 0x08
        case .gatewayPathUnavailable: return 0x0A
        case .gatewayTargetFailedToRespond: return 0x0B
        case .unknown(let raw): return raw
        }
    }

    /// The specification's name for the code.
    public var name: String {
        switch self {
        case .illegalFunction: return "illegal function"
        case .illegalDataAddress: return "illegal data address"
        case .illegalDataValue: return "illegal data value"
        case .serverDeviceFailure: return "server device failure"
        case .acknowledge: return "acknowledge"
        case .serverDeviceBusy: return "server device busy"
        case .memoryParityError: return "memory parity error"
        case .gatewayPathUnavailable: return "gateway path unavailable"
        case .gatewayTargetFailedToRespond: return "gateway target device failed to respond"
        case .unknown(let raw): return "unknown exception 0x" + Hex.byte2(raw)
        }
    }
}
