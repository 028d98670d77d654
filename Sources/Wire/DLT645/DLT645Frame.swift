/// One DL/T 645-2007 frame: `[FE…] 68 A0…A5 68 C L DATA CS 16`.
///
/// DL/T 645-2007 frame format: start byte 68, the 6-byte address (low byte first),
/// a second 68, the control byte C, the data length L, L data bytes, the checksum CS
/// (sum mod 256 of every byte from the first 68 through the last data byte) and the
/// end byte 16. Every data byte is sent +0x33 and taken −0x33 on receipt; `data` here
/// holds the plain (−0x33) bytes. The optional FE wake-up preamble is not part of the
/// frame and not in the checksum.
///
/// Maximum L: DL/T 645-2007 states L ≤ 200 for read (reply) frames and L ≤ 50 for
/// write frames, L = 0 meaning no data field (quoted from the standard's frame-format
/// clause as commonly reproduced; the primary text was not available here). This codec
/// builds frames with at most `maximumDataLength` (200) bytes; the decoder rejects a
/// larger L by default and can be configured up to 255 for non-conforming meters.
public struct DLT645Frame: Sendable, Equatable, CustomStringConvertible {
    /// The largest L this codec builds and, by default, accepts (DL/T 645-2007: L ≤ 200).
    public static let maximumDataLength = 200
    /// FE bytes sent before a frame unless told otherwise (DL/T 645-2007 suggests 4).
    public static let defaultPreambleCount = 4
    /// Bytes around the data: 68, 6 address bytes, 68, C, L, CS, 16.
    public static let overhead = 12

    public let address: DLT645Address
    public let control: DLT645ControlCode
    /// The data field with the 0x33 offset removed.
    public let data: [UInt8]

    /// A frame to send.
    /// - Throws: `.tooLong` when `data` has more than `maximumDataLength` (200) bytes.
    public init(address: DLT645Address, control: DLT645ControlCode, data: [UInt8] = []) throws(WireError) {
        guard data.count <= Self.maximumDataLength else {
            throw WireError(.tooLong, "DL/T 645-2007 data field of \(data.count) bytes exceeds L ≤ "
                            + "\(Self.maximumDataLength)")
        }
        self.init(unchecked: address, control: control, data: data)
    }

    /// For the decoder and builders: `data.count` ≤ 255 already ensured.
    init(unchecked address: DLT645Address, control: DLT645ControlCode, data: [UInt8]) {
        self.address = address
        self.control = control
        self.data = data
    }

    /// The wire bytes: `preambleCount` FE bytes (negative counts as 0), then the frame.
    public func encoded(preambleCount: Int = DLT645Frame.defaultPreambleCount) -> [UInt8] {
        let preamble = max(0, preambleCount)
        var out: [UInt8] = []
        out.reserveCapacity(preamble + Self.overhead + data.count)
        out.append(contentsOf: repeatElement(0xFE, count: preamble))
        out.append(0x68)
        out.append(contentsOf: address.wireBytes)
        out.append(0x68)
        out.append(control.rawValue)
        out.append(UInt8(truncatingIfNeeded: data.count))
        for byte in data { out.append(byte &+ 0x33) }
        out.append(Self.checksum(out[preamble...]))
        out.append(0x16)
        return out
    }

    /// DL/T 645-2007 CS: the sum of `bytes` modulo 256.
    public static func checksum<C: Collection>(_ bytes: C) -> UInt8 where C.Element == UInt8 {
        var sum: UInt8 = 0
        for byte in bytes { sum &+= byte }
        return sum
    }

    /// Parses exactly one frame, optionally preceded by any number of FE bytes, with
    /// nothing after the end byte. Error offsets count from `bytes[0]`.
    /// - Throws: `.malformed` (no 68 start, second 68 missing, bad end byte, trailing
    ///   bytes), `.truncated`, `.tooLong` (L above `maximumDataLength`), `.badChecksum`.
    public static func parse(_ bytes: [UInt8],
                             maximumDataLength: Int = DLT645Frame.maximumDataLength) throws(WireError) -> DLT645Frame {
        var start = 0
        while start < bytes.count, bytes[start] == 0xFE { start += 1 }
        guard start < bytes.count else {
            throw WireError(.truncated, "no DL/T 645 frame: \(bytes.count) bytes, all FE preamble", offset: start)
        }
        guard bytes[start] == 0x68 else {
            throw WireError(.malformed, "expected start byte 0x68 after \(start) FE preamble bytes, got 0x"
                            + Hex.byte2(bytes[start]), offset: start)
        }
        let slice = bytes[...]
        switch DLT645FrameScanner.check(slice, at: start, maximumDataLength: maximumDataLength) {
        case .invalid(let error):
            throw error
        case .incomplete:
            throw WireError(.truncated, DLT645FrameScanner.truncationMessage(slice, at: start), offset: bytes.count)
        case .frame(let frame, let length):
            let end = start + length
            guard end == bytes.count else {
                throw WireError(.malformed, "\(bytes.count - end) bytes after the end byte 0x16", offset: end)
            }
            return frame
        }
    }

    /// e.g. "DL/T 645 0x91 (read data, normal reply) to 123456789012, 8 data bytes".
    public var description: String {
        "DL/T 645 \(control) address \(address.digits), \(data.count) data bytes"
    }
}
