/// What a DL/T 645-2007 frame asks or answers, interpreted from its control code and data.
///
/// Offsets in errors count from the frame's first 68 (the data field starts at 10).
public enum DLT645Message: Sendable, Equatable {
    /// 0x11: read the item `identifier`; `parameters` holds any bytes after the DI
    /// (e.g. block count and time for load records), usually empty.
    case readData(DLT645DataIdentifier, parameters: [UInt8])
    /// 0x12: read follow-up frame `sequence` of `identifier`.
    case readFollowUp(DLT645DataIdentifier, sequence: UInt8)
    /// 0x13: read the meter address (sent to AA…AA).
    case readAddress
    /// 0x08: set the time of every meter (sent to 99…99, no reply).
    case broadcastTime(DLT645DateTime)
    /// 0x91 / 0xB1: the value bytes of `identifier`; `hasFollowUp` for 0xB1.
    case readDataReply(DLT645DataIdentifier, data: [UInt8], hasFollowUp: Bool)
    /// 0x92 / 0xB2: a follow-up frame: value bytes and its sequence number.
    case readFollowUpReply(DLT645DataIdentifier, data: [UInt8], sequence: UInt8, hasFollowUp: Bool)
    /// 0x93: the meter's address.
    case readAddressReply(DLT645Address)
    /// Any reply with bit 6 set (0xD1, 0xD2, …): the function and the error word.
    case abnormalReply(DLT645ControlCode.Function, DLT645ErrorWord)
    /// Anything else, kept raw.
    case other(DLT645ControlCode, data: [UInt8])

    /// The data field starts 10 bytes after the first 68.
    static let dataOffset = 10

    /// Interprets `frame`.
    /// - Throws: `.malformed` when the data length does not fit the control code,
    ///   `.badValue` for a broadcast time that is not BCD or out of range.
    public init(_ frame: DLT645Frame) throws(WireError) {
        let c = frame.control, data = frame.data
        if c.isReply, c.isAbnormal {
            try Self.expect(data, count: 1, what: "abnormal reply error word")
            self = .abnormalReply(c.function, DLT645ErrorWord(rawValue: data[0]))
            return
        }
        switch (c.isReply, c.function) {
        case (false, .readData):
            try Self.expect(data, atLeast: 4, what: "read data request (DI)")
            self = .readData(try Self.identifier(data), parameters: Array(data[4...]))
        case (false, .readFollowUp):
            try Self.expect(data, count: 5, what: "read follow-up request (DI + sequence)")
            self = .readFollowUp(try Self.identifier(data), sequence: data[4])
        case (false, .readAddress):
            try Self.expect(data, count: 0, what: "read address request")
            self = .readAddress
        case (false, .broadcastTime):
            self = .broadcastTime(try DLT645DateTime(wireBytes: data[...], baseOffset: Self.dataOffset))
        case (true, .readData):
            try Self.expect(data, atLeast: 4, what: "read data reply (DI)")
            self = .readDataReply(try Self.identifier(data), data: Array(data[4...]), hasFollowUp: c.hasFollowUp)
        case (true, .readFollowUp):
            try Self.expect(data, atLeast: 5, what: "read follow-up reply (DI + sequence)")
            self = .readFollowUpReply(try Self.identifier(data), data: Array(data[4..<(data.count - 1)]),
                                      sequence: data[data.count - 1], hasFollowUp: c.hasFollowUp)
        case (true, .readAddress):
            try Self.expect(data, count: 6, what: "read address reply (address)")
            self = .readAddressReply(DLT645Address(uncheckedWireBytes: data))
        default:
            self = .other(c, data: data)
        }
    }

    private static func identifier(_ data: [UInt8]) throws(WireError) -> DLT645DataIdentifier {
        try DLT645DataIdentifier(wireBytes: data[0..<4])
    }

    private static func expect(_ data: [UInt8], count: Int, what: String) throws(WireError) {
        guard data.count == count else {
            throw WireError(.malformed, "\(what) needs L = \(count), got L = \(data.count)", offset: 9)
        }
    }

    private static func expect(_ data: [UInt8], atLeast count: Int, what: String) throws(WireError) {
        guard data.count >= count else {
            throw WireError(.malformed, "\(what) needs L ≥ \(count), got L = \(data.count)", offset: 9)
        }
    }

    /// The data identifier, for read requests and replies.
    public var identifier: DLT645DataIdentifier? {
        switch self {
        case .readData(let id, _), .readFollowUp(let id, _), .readDataReply(let id, _, _),
             .readFollowUpReply(let id, _, _, _):
            return id
        default:
            return nil
        }
    }

    /// The typed value of a read-data or follow-up reply (`.raw` for unknown identifiers),
    /// nil for other messages.
    /// - Throws: `.malformed` / `.badValue` naming the offending frame byte.
    public func value() throws(WireError) -> DLT645Value? {
        switch self {
        case .readDataReply(let id, let data, _), .readFollowUpReply(let id, let data, _, _):
            return try DLT645DataCatalog.value(for: id, data[...], baseOffset: Self.dataOffset + 4)
        default:
            return nil
        }
    }
}
