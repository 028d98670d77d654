/// The Modbus TCP application header (Modbus Messaging on TCP/IP Implementation Guide V1.0b
/// §3.1.3): `transactionID(2) protocolID(2) length(2) unitID(1)`, all big-endian.
///
/// `length` counts the unit id and the PDU that follow it. Protocol id 0 means Modbus; a PDU is
/// 1…253 bytes, so valid lengths are 2…254.
public struct MBAPHeader: Sendable, Equatable, Hashable {
    public var transactionID: UInt16
    public var protocolID: UInt16
    public var length: UInt16
    public var unitID: UInt8

    /// Header size including the unit id.
    public static let length = 7
    /// Smallest valid `length`: unit id + function code.
    public static let minimumLengthField: UInt16 = 2
    /// Largest valid `length`: unit id + 253-byte PDU.
    public static let maximumLengthField: UInt16 = 254

    public init(transactionID: UInt16, protocolID: UInt16 = 0, length: UInt16, unitID: UInt8) {
        self.transactionID = transactionID
        self.protocolID = protocolID
        self.length = length
        self.unitID = unitID
    }

    /// The 7 header bytes exactly as the fields say.
    public var bytes: [UInt8] {
        [UInt8(transactionID >> 8), UInt8(truncatingIfNeeded: transactionID),
         UInt8(protocolID >> 8), UInt8(truncatingIfNeeded: protocolID),
         UInt8(length >> 8), UInt8(truncatingIfNeeded: length), unitID]
    }

    /// Throws when the protocol id is not 0 (`.malformed`, offset 2) or the length is outside
    /// 2…254 (`.malformed` / `.tooLong`, offset 4).
    public func validate() throws(WireError) {
        guard protocolID == 0 else {
            throw WireError(.malformed, "MBAP protocol id is \(protocolID), expected 0 (Modbus)", offset: 2)
        }
        guard length >= Self.minimumLengthField else {
            throw WireError(.malformed, "MBAP length \(length) leaves no function code (minimum 2)", offset: 4)
        }
        guard length <= Self.maximumLengthField else {
            throw WireError(.tooLong, "MBAP length \(length) exceeds 254 (unit id + 253-byte PDU)", offset: 4)
        }
    }

    /// Reads the 7 header bytes at the front of `bytes` (no validation). Nil when fewer than 7.
    public static func read(_ bytes: ArraySlice<UInt8>) -> MBAPHeader? {
        guard bytes.count >= length else { return nil }
        let b = bytes.startIndex
        return MBAPHeader(transactionID: UInt16(bytes[b]) << 8 | UInt16(bytes[b + 1]),
                          protocolID: UInt16(bytes[b + 2]) << 8 | UInt16(bytes[b + 3]),
                          length: UInt16(bytes[b + 4]) << 8 | UInt16(bytes[b + 5]),
                          unitID: bytes[b + 6])
    }
}
