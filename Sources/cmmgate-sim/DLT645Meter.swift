import AgentTesting
import Wire

/// A simulated DL/T 645-2007 meter: answers read-data (0x11) for its configured identifiers
/// at its address or the wildcard, read-address (0x13), and an abnormal reply with "no
/// requested data" for identifiers it does not have.
struct DLT645Meter {
    struct Point {
        var identifier: DLT645DataIdentifier
        var source: ValueSource
        var overrides: [ValueOverride<ValueSource>] = []
        var reads = 0
    }

    let address: DLT645Address
    var points: [Point] = []
    var faults: [FaultRule] = []
    var requests = 0

    init(address: DLT645Address) { self.address = address }

    /// Whether `frame` (a request) is for this meter.
    func isAddressed(by frame: DLT645Frame) -> Bool {
        frame.address == address || frame.address.isWildcard
    }

    /// The reply frame to `frame`, nil for requests a meter does not answer (broadcasts, others).
    mutating func answer(_ frame: DLT645Frame, seconds: Double, random: inout SplitMix64) -> DLT645Frame? {
        guard !frame.control.isReply, let message = try? DLT645Message(frame) else { return nil }
        switch message {
        case .readAddress:
            return DLT645Reply.readAddress(address)
        case .readData(let identifier, _):
            guard let index = points.firstIndex(where: { $0.identifier == identifier }),
                  let entry = identifier.catalogEntry,
                  case .decimal(_, let fraction, _) = entry.format else {
                return DLT645Reply.abnormal(.readData, error: .noRequestedData, from: address)
            }
            let source = ValueOverride.active(in: points[index].overrides, at: seconds) ?? points[index].source
            let number = source.value(reads: points[index].reads, seconds: seconds, random: &random)
            points[index].reads += 1
            var scale = 1.0
            for _ in 0..<fraction { scale *= 10 }
            let decimal = DLT645Decimal(units: Int64((number * scale).rounded()), fractionDigits: fraction)
            return (try? DLT645Reply.readData(identifier, value: .decimal(decimal, unit: entry.unit), from: address))
                ?? DLT645Reply.abnormal(.readData, error: .other, from: address)
        default:
            return nil
        }
    }

    /// `override di XXXXXXXX SOURCE between=FROM,UNTIL` for an identifier this meter has.
    mutating func addOverride(_ words: [String], _ fail: (String) -> SimConfig.ConfigError) throws(SimConfig.ConfigError) {
        guard words.count == 4, words[0] == "di", words[1].count == 8, let raw = UInt32(words[1], radix: 16) else {
            throw fail("override di XXXXXXXX SOURCE between=FROM,UNTIL")
        }
        guard let index = points.firstIndex(where: { $0.identifier == DLT645DataIdentifier(raw) }) else {
            throw fail("meter \(address) has no di \(words[1]) to override")
        }
        let window = try TimeWindow(overrideWord: words[3], fail)
        points[index].overrides.append(ValueOverride(window: window, value: try ValueSource(parsing: words[2], fail)))
    }

    /// The abnormal reply carrying `code` as the error word (the `exception=` fault).
    func abnormal(_ code: UInt8) -> DLT645Frame {
        DLT645Reply.abnormal(.readData, error: DLT645ErrorWord(rawValue: code), from: address)
    }

    /// This meter's address with its last digit changed (the `wrong-slave` fault).
    var otherAddress: DLT645Address {
        var bytes = address.wireBytes
        bytes[0] = bytes[0] == 0x99 ? 0x98 : bytes[0] &+ 1
        if bytes[0] & 0x0F > 9 { bytes[0] = bytes[0] & 0xF0 }
        return (try? DLT645Address(wireBytes: bytes)) ?? address
    }
}
