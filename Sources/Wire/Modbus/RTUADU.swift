/// Whole-frame encoding and parsing of Modbus RTU ADUs (Modbus over Serial Line V1.02 §2.5.1),
/// for frames that are already delimited (`cmmgate decode`, tests). Streams go through
/// `RTUReplyDecoder` / `RTURequestDecoder` instead.
public enum RTUADU {
    /// Smallest RTU ADU: slave + function + CRC.
    public static let minimumLength = 4
    /// Largest RTU ADU (§2.5.1: 256 bytes = slave + 253-byte PDU + CRC).
    public static let maximumLength = 256

    /// Throws `.badValue` for reserved slave addresses 248…255 (§2.2).
    static func validate(slave: UInt8) throws(WireError) {
        guard slave <= 247 else {
            throw WireError(.badValue, "slave address \(slave) is reserved (valid: 0 broadcast, 1…247)", offset: 0)
        }
    }

    /// True when the last two bytes of `adu` are the CRC-16/MODBUS of the others (low byte first).
    static func crcMatches(_ adu: ArraySlice<UInt8>) -> Bool {
        guard adu.count >= 2 else { return false }
        let end = adu.endIndex
        return ModbusCRC.checksum(adu[adu.startIndex..<(end - 2)]) == ModbusCRC.read(adu, at: end - 2)
    }

    /// Throws `.badChecksum` naming the received and computed CRC (wire order and value) when
    /// the last two bytes of `adu` are not its CRC. Offset: the CRC's position in `adu`.
    public static func checkCRC(_ adu: ArraySlice<UInt8>) throws(WireError) {
        guard adu.count >= minimumLength else {
            throw WireError(.truncated, "RTU frame of \(adu.count) bytes is shorter than \(minimumLength)",
                            offset: adu.count)
        }
        let end = adu.endIndex
        let received = ModbusCRC.read(adu, at: end - 2)
        let computed = ModbusCRC.checksum(adu[adu.startIndex..<(end - 2)])
        guard received == computed else {
            throw WireError(.badChecksum,
                            "CRC received \(ModbusCRC.describe(received)), expected \(ModbusCRC.describe(computed))",
                            offset: adu.count - 2)
        }
    }

    /// Parses a whole RTU ADU: checks length and CRC, then tells request from reply by length
    /// (see `ModbusParsedPDU`). Errors carry offsets within `bytes`.
    public static func parse(_ bytes: [UInt8]) throws(WireError) -> RTUParsedADU {
        guard bytes.count <= maximumLength else {
            throw WireError(.tooLong, "RTU frame of \(bytes.count) bytes exceeds \(maximumLength)",
                            offset: maximumLength)
        }
        let all = bytes[...]
        try checkCRC(all)
        let slave = bytes[0]
        let parsed: ModbusParsedPDU
        do throws(WireError) {
            parsed = try ModbusParsedPDU.parse(all[1..<(bytes.count - 2)])
        } catch {
            throw WireError(error.code, error.message, offset: error.offset.map { $0 + 1 })
        }
        switch parsed {
        case .request(let request):
            return .request(RTURequestFrame(slave: slave, request: request))
        case .reply(let reply):
            return .reply(RTUReplyFrame(slave: slave, reply: reply))
        case .ambiguous(let request, let reply):
            return .ambiguous(request: RTURequestFrame(slave: slave, request: request),
                              reply: RTUReplyFrame(slave: slave, reply: reply))
        }
    }
}

/// An RTU ADU parsed without knowing the exchange around it.
public enum RTUParsedADU: Sendable, Equatable {
    case request(RTURequestFrame)
    case reply(RTUReplyFrame)
    /// 8-byte 01/02 frame whose third byte is 3: a request, or a reply with 3 data bytes.
    case ambiguous(request: RTURequestFrame, reply: RTUReplyFrame)

    /// The ADU bytes (both readings of an ambiguous frame encode to the same bytes).
    public var bytes: [UInt8] {
        switch self {
        case .request(let frame), .ambiguous(let frame, _): return frame.bytes
        case .reply(let frame): return frame.bytes
        }
    }
}
