/// The Modbus read function codes this codec types fully (Modbus Application Protocol V1.1b3 §6.1–6.4).
///
/// Other function codes are named, framed by `RTURequestDecoder` for skipping, and reported as
/// unsupported (with their names, for logs); the gateway is a reading master.
public enum ModbusFunction: UInt8, Sendable, Equatable, CaseIterable {
    /// 0x01 Read Coils (§6.1): bit outputs.
    case readCoils = 0x01
    /// 0x02 Read Discrete Inputs (§6.2): bit inputs.
    case readDiscreteInputs = 0x02
    /// 0x03 Read Holding Registers (§6.3): 16-bit read/write registers.
    case readHoldingRegisters = 0x03
    /// 0x04 Read Input Registers (§6.4): 16-bit read-only registers.
    case readInputRegisters = 0x04

    /// True for 01/02, whose replies carry packed bits; false for 03/04 (registers).
    public var readsBits: Bool { self == .readCoils || self == .readDiscreteInputs }

    /// Largest quantity a request may ask for: 2000 bits (0x7D0) or 125 registers (0x7D).
    public var maximumQuantity: Int { readsBits ? 2000 : 125 }

    /// The exception function code of a reply to this function (function | 0x80, §7).
    public var exceptionCode: UInt8 { rawValue | 0x80 }

    /// Human-readable name as used by the specification.
    public var name: String {
        switch self {
        case .readCoils: return "read coils"
        case .readDiscreteInputs: return "read discrete inputs"
        case .readHoldingRegisters: return "read holding registers"
        case .readInputRegisters: return "read input registers"
        }
    }

    /// A name for any function code, typed or not (for descriptions and error messages).
    public static func name(ofCode code: UInt8) -> String {
        if let function = ModbusFunction(rawValue: code) { return function.name }
        switch code {
        case 0x05: return "write single coil"
        case 0x06: return "write single register"
        case 0x07: return "read exception status"
        case 0x08: return "diagnostics"
        case 0x0F: return "write multiple coils"
        case 0x10: return "write multiple registers"
        case 0x11: return "report server id"
        case 0x16: return "mask write register"
        case 0x17: return "read/write multiple registers"
        case 0x2B: return "encapsulated interface transport"
        default:
            if code & 0x80 != 0 { return "exception to " + name(ofCode: code & 0x7F) }
            return "function 0x" + Hex.byte2(code)
        }
    }
}
