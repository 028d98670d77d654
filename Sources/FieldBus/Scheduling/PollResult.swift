import Wire

/// A configured read's values, cut out of the reply of the request that served it.
public enum PolledValue: Sendable, Equatable {
    /// 03/04: the read's registers, in address order.
    case registers([UInt16])
    /// 01/02: the read's bits, in address order.
    case bits([Bool])
    /// DL/T 645: the identifier's value.
    case dlt645(DLT645Value)
}

/// The outcome of one configured read in a poll: its values with acquisition times, or why not.
public struct PollResult: Sendable {
    public var readID: String
    public var result: Result<Acquired<PolledValue>, FieldBusError>

    public init(readID: String, result: Result<Acquired<PolledValue>, FieldBusError>) {
        self.readID = readID
        self.result = result
    }
}

extension PollResult {
    /// Whether a request's results say its device never answered: every read failed with a
    /// timeout (an exception or a garbled reply is an answer; so is any success).
    public static func deviceSilent(_ results: [PollResult]) -> Bool {
        !results.isEmpty && results.allSatisfy {
            if case .failure(let error) = $0.result { return error.code == .timeout }
            return false
        }
    }
}

extension PollRequest {
    /// Each member's slice of a Modbus reply to this request (registers or bits by offset).
    public func slice(_ reply: ModbusReadReply) -> [(readID: String, value: PolledValue)] {
        guard case .modbus(_, let request) = kind else { return [] }
        if request.function.readsBits {
            let bits = reply.bits(count: Int(request.quantity))
            return members.map { ($0.readID, .bits(Array(bits[$0.offset..<min(bits.count, $0.offset + $0.count)]))) }
        }
        let registers = reply.registers
        return members.map { ($0.readID, .registers(Array(registers[$0.offset..<min(registers.count, $0.offset + $0.count)]))) }
    }

    /// The same outcome for every member (a failed request fails each read it serves).
    func results(_ outcome: Result<Acquired<PolledValue>, FieldBusError>) -> [PollResult] {
        members.map { PollResult(readID: $0.readID, result: outcome) }
    }
}
