import DeviceIO

/// RFC 4180 CSV to standard output, buffered: a field with a comma, a quote or a line break is
/// quoted and its quotes doubled; lines end with CR LF.
struct CSVWriter {
    private var buffer = ""

    mutating func row(_ fields: [String]) {
        buffer += fields.map(Self.escape).joined(separator: ",") + "\r\n"
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        StandardStreams.writeOut(buffer)
        buffer = ""
    }

    static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        var quoted = "\""
        for character in field {
            quoted += character == "\"" ? "\"\"" : String(character)
        }
        return quoted + "\""
    }

    /// A stored number as a verifier reads it: integers without a fraction, others in the shortest
    /// form that reads back to the same double; empty for NULL.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
