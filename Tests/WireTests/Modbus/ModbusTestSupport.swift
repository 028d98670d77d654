@testable import Wire

/// Frames computed by an independent peer (pymodbus 3.x `FramerRTU.compute_CRC`), several of
/// them the worked examples of the Modbus Application Protocol spec §6.1–6.4 and §7.
enum ModbusPeerVectors {
    static let frames: [(hex: String, meaning: String)] = [
        ("11 01 00 13 00 25 0E 84", "read 37 coils from 19 at slave 17 (spec §6.1 example)"),
        ("11 01 05 CD 6B B2 0E 1B 45 E6", "coils reply, 5 data bytes (spec §6.1 example)"),
        ("0A 02 00 C4 00 16 B9 42", "read 22 discrete inputs from 196 at slave 10 (spec §6.2)"),
        ("0A 02 03 AC DB 35 23 F3", "discrete inputs reply, 3 data bytes (spec §6.2)"),
        ("11 04 00 08 00 01 B2 98", "read 1 input register from 8 at slave 17 (spec §6.4)"),
        ("11 04 02 00 0A F8 F4", "input register reply 0x000A (spec §6.4)"),
        ("01 03 14 00 0A 00 0B 00 0C 00 0D 00 0E 00 0F 00 10 00 11 00 12 00 13 29 D6",
         "reply with 10 holding registers 10…19"),
        ("01 83 02 C0 F1", "exception: illegal data address to read holding registers"),
    ]
}

/// Random valid Modbus values for property tests.
struct ModbusRandom {
    var rng: SeededRandom

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    mutating func function() -> ModbusFunction {
        ModbusFunction.allCases[Int.random(in: 0..<4, using: &rng)]
    }

    mutating func request() -> ModbusReadRequest {
        let function = function()
        let quantity = UInt16.random(in: 1...UInt16(function.maximumQuantity), using: &rng)
        let start = UInt16.random(in: 0...(UInt16.max - quantity + 1), using: &rng)
        return ModbusReadRequest(function: function, startAddress: start, quantity: quantity)
    }

    /// A normal reply that answers `request`, or (one time in five) an exception reply.
    mutating func reply(to request: ModbusReadRequest) -> ModbusReply {
        if Int.random(in: 0..<5, using: &rng) == 0 {
            let codes: [UInt8] = [1, 2, 3, 4, 5, 6, 8, 0x0A, 0x0B, 0x42]
            let code = codes[Int.random(in: 0..<codes.count, using: &rng)]
            return .exception(ModbusExceptionReply(function: request.function,
                                                   exception: ModbusExceptionCode(rawValue: code)))
        }
        if request.function.readsBits {
            let bits = (0..<Int(request.quantity)).map { _ in Bool.random(using: &rng) }
            return .normal(.bits(request.function, bits))
        }
        let registers = (0..<Int(request.quantity)).map { _ in UInt16.random(in: 0...UInt16.max, using: &rng) }
        return .normal(.registers(request.function, registers))
    }

    mutating func slave() -> UInt8 { UInt8.random(in: 1...247, using: &rng) }
}

extension Array where Element == UInt8 {
    init(hex: String) {
        self = (try? Hex.parse(hex)) ?? []
    }
}

/// Frames of a decoder run, and the number of discards (DecodeStep is not Equatable).
func modbusFrames<F>(_ steps: [DecodeStep<F>]) -> (frames: [F], discards: Int) {
    var frames: [F] = []
    var discards = 0
    for step in steps {
        switch step {
        case .frame(let frame): frames.append(frame)
        case .discarded: discards += 1
        case .needMoreData: break
        }
    }
    return (frames, discards)
}
