/// Reads fixed-width little-endian fields from a byte array, front to back: the reading half of
/// the Metering payload codecs (docs/metering.md), the mirror of `ByteWriter`.
///
/// Every read names the field it reads; when the payload ends too early the read throws
/// `MeteringError.truncated` with the offset of the field and what was being read, so a decoder
/// reports where a payload went wrong without bookkeeping of its own. A decoder ends with
/// `finish(_:)`, which rejects bytes left over after the last field.
public struct ByteReader: Sendable {
    /// The payload being read.
    public let bytes: [UInt8]
    /// Offset of the next byte to read.
    public private(set) var offset: Int

    /// A reader positioned at the first byte of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = 0
    }

    /// Bytes not read yet.
    public var remaining: Int { bytes.count - offset }

    /// Reads one byte; `field` names it in the error if the payload has ended.
    public mutating func readByte(_ field: String) throws(MeteringError) -> UInt8 {
        try require(1, field)
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads a little-endian fixed-width integer of type `T`.
    public mutating func read<T: FixedWidthInteger>(_ type: T.Type, _ field: String) throws(MeteringError) -> T {
        let size = MemoryLayout<T>.size
        try require(size, field)
        var value = T.zero
        for index in 0..<size {
            value |= T(truncatingIfNeeded: bytes[offset + index]) << (8 * index)
        }
        offset += size
        return value
    }

    /// Reads a `Double` stored as its little-endian binary64 bit pattern.
    public mutating func readDouble(_ field: String) throws(MeteringError) -> Double {
        Double(bitPattern: try read(UInt64.self, field))
    }

    /// Throws `.trailingBytes` at the current offset unless every byte has been read;
    /// `what` names the payload in the message.
    public func finish(_ what: String) throws(MeteringError) {
        guard remaining == 0 else {
            throw MeteringError(.trailingBytes,
                                "\(what) has \(remaining) byte(s) after its last field", offset: offset)
        }
    }

    /// A `.malformed` error at `offset` (the offset of the offending field), for a decoder that
    /// found a field with a value the format does not allow.
    public func malformed(_ message: String, at offset: Int) -> MeteringError {
        MeteringError(.malformed, message, offset: offset)
    }

    private func require(_ size: Int, _ field: String) throws(MeteringError) {
        guard remaining >= size else {
            throw MeteringError(.truncated,
                                "payload ends after \(bytes.count) bytes: \(field) needs \(size) byte(s)",
                                offset: offset)
        }
    }
}
