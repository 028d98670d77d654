import FieldBus
import Wire

/// How `cmmgate probe` and `scan` print values and failures.
enum ProbeOutput {
    /// A decoded register value, exactly: integers in full, float32 in its shortest form.
    static func value(_ value: RegisterValue, type: RegisterDataType) -> String {
        switch value {
        case .signed(let number): return String(number)
        case .unsigned(let number): return String(number)
        case .bit(let on): return on ? "1" : "0"
        case .float(let float):
            return type == .float32 ? special(float) ?? Float(float).description : number(float)
        }
    }

    /// A scaled reading, or what made it unusable.
    static func reading(_ reading: RegisterReading) -> String {
        switch reading {
        case .value(let value): return number(value)
        case .notANumber: return "NaN"
        case .infinite(let sign): return sign == .minus ? "-inf" : "inf"
        case .invalidBCD(let raw, let nibble): return "invalid BCD: nibble \(nibble) of 0x\(String(raw, radix: 16, uppercase: true))"
        case .outOfRange(let value, let range): return "out of range: \(number(value)) not in \(range)"
        }
    }

    static func number(_ value: Double) -> String {
        if let text = special(value) { return text }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }

    /// The failure line: what happened, with the typed details (milliseconds waited, the
    /// exception code and name, the bytes seen).
    static func failure(_ error: FieldBusError) -> String {
        var text: String
        switch error.code {
        case .timeout:
            text = "timeout after \(error.waitedMilliseconds.map(String.init) ?? "?") ms: \(error.message)"
        case .exception:
            if let exception = error.modbusException {
                text = "exception \(exception.exception.rawValue) (\(exception.exception.name)): \(error.message)"
            } else if let word = error.dlt645Error {
                text = "abnormal reply, error word \(word): \(error.message)"
            } else {
                text = "exception: \(error.message)"
            }
        case .badFrame:
            text = "bad reply: \(error.message)"
        default:
            text = "\(error.code.rawValue): \(error.message)"
        }
        if let cause = error.cause { text += " (cause: \(cause))" }
        if !error.bytesSeen.isEmpty { text += "\n  bytes seen: \(Hex.format(error.bytesSeen))" }
        return text
    }
}
