/// A register data type and word order written as `TYPE[:ORDER]`, as integrators type them
/// in `cmmgate probe --as`, the simulator's configuration and the site configuration:
/// `int16 uint16 int32 uint32 int64 uint64 float32 float64 bcd16 bcd32 bit0…bit15`, and
/// `ABCD` (the default) `CDAB BADC DCBA` in either case.
public enum RegisterTypeSpec {
    /// The names accepted for TYPE, for usage texts and error messages.
    public static let typeNames = "int16, uint16, int32, uint32, int64, uint64, float32, float64, bcd16, bcd32 or bit0…bit15"

    /// Parses `TYPE[:ORDER]`; the error names the part that is wrong.
    public static func parse(_ text: String) throws(WireError) -> (type: RegisterDataType, order: RegisterWordOrder) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw WireError(.malformed, "'\(text)' is not TYPE[:ORDER]") }
        var order = RegisterWordOrder.abcd
        if parts.count == 2 {
            guard let parsed = RegisterWordOrder(rawValue: parts[1].uppercased()) else {
                throw WireError(.malformed, "word order '\(parts[1])' is not ABCD, CDAB, BADC or DCBA")
            }
            order = parsed
        }
        guard let type = dataType(named: parts[0]) else {
            throw WireError(.malformed, "type '\(parts[0])' is not \(typeNames)")
        }
        return (type, order)
    }

    private static func dataType(named name: Substring) -> RegisterDataType? {
        let named: [RegisterDataType] = [.int16, .uint16, .int32, .uint32, .int64, .uint64, .float32, .float64, .bcd16, .bcd32]
        if let type = named.first(where: { $0.name == name }) { return type }
        if name.hasPrefix("bit"), let index = Int(name.dropFirst(3)), (0...15).contains(index) { return .bit(index) }
        return nil
    }
}
