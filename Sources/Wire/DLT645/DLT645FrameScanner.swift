/// Checks whether a DL/T 645-2007 frame starts at a given offset of some bytes.
/// Shared by `DLT645FrameDecoder` and `DLT645Frame.parse`; never traps.
///
/// The frame end is found from the length byte L (offset 9), never by scanning for 16.
/// Error offsets count from `bytes.startIndex`.
enum DLT645FrameScanner {
    enum Result {
        /// The bytes present are a possible prefix of a frame.
        case incomplete
        /// No frame can start here; the error says why and where.
        case invalid(WireError)
        /// A whole, valid frame of `length` bytes (from the first 68 through 16).
        case frame(DLT645Frame, length: Int)
    }

    /// Offset of the second 68 from the first.
    static let secondStartOffset = 7
    /// Offset of L from the first 68.
    static let lengthOffset = 9

    static func check(_ bytes: ArraySlice<UInt8>, at start: Int, maximumDataLength: Int) -> Result {
        let base = bytes.startIndex
        let available = bytes.count - start
        guard available > 0 else { return .incomplete }
        let first = bytes[base + start]
        guard first == 0x68 else {
            return .invalid(WireError(.malformed, "expected start byte 0x68, got 0x\(Hex.byte2(first))",
                                      offset: start))
        }
        guard available > secondStartOffset else { return .incomplete }
        let second = bytes[base + start + secondStartOffset]
        guard second == 0x68 else {
            return .invalid(WireError(.malformed, "second start byte 0x68 missing 7 bytes after the first, got 0x"
                                      + Hex.byte2(second), offset: start + secondStartOffset))
        }
        guard available > lengthOffset else { return .incomplete }
        let dataLength = Int(bytes[base + start + lengthOffset])
        guard dataLength <= maximumDataLength else {
            return .invalid(WireError(.tooLong, "L = \(dataLength) exceeds the maximum of \(maximumDataLength) "
                                      + "data bytes (DL/T 645-2007: L ≤ 200 when reading)",
                                      offset: start + lengthOffset))
        }
        let length = DLT645Frame.overhead + dataLength
        guard available >= length else { return .incomplete }
        return checkTail(bytes, at: start, dataLength: dataLength)
    }

    /// CS and end byte of a frame whose bytes are all present.
    private static func checkTail(_ bytes: ArraySlice<UInt8>, at start: Int, dataLength: Int) -> Result {
        let base = bytes.startIndex
        let csOffset = start + 10 + dataLength
        let computed = DLT645Frame.checksum(bytes[(base + start)..<(base + csOffset)])
        let received = bytes[base + csOffset]
        guard computed == received else {
            return .invalid(WireError(.badChecksum, "checksum mismatch: expected 0x\(Hex.byte2(computed)) "
                                      + "(sum of the \(10 + dataLength) bytes from the first 0x68 mod 256), "
                                      + "received 0x\(Hex.byte2(received))", offset: csOffset))
        }
        let end = bytes[base + csOffset + 1]
        guard end == 0x16 else {
            return .invalid(WireError(.malformed, "end byte 0x16 missing after the checksum, got 0x"
                                      + Hex.byte2(end), offset: csOffset + 1))
        }
        let addressStart = base + start + 1
        let address = DLT645Address(uncheckedWireBytes: Array(bytes[addressStart..<(addressStart + 6)]))
        let control = DLT645ControlCode(bytes[base + start + 8])
        var data: [UInt8] = []
        data.reserveCapacity(dataLength)
        for byte in bytes[(base + start + 10)..<(base + csOffset)] { data.append(byte &- 0x33) }
        return .frame(DLT645Frame(unchecked: address, control: control, data: data),
                      length: DLT645Frame.overhead + dataLength)
    }

    /// Why an incomplete frame at `start` is incomplete, for whole-frame parsers.
    static func truncationMessage(_ bytes: ArraySlice<UInt8>, at start: Int) -> String {
        let available = bytes.count - start
        guard available > lengthOffset else {
            return "frame header ends after \(available) of 10 bytes (68, address, 68, C, L)"
        }
        let dataLength = Int(bytes[bytes.startIndex + start + lengthOffset])
        return "frame ends after \(available) bytes; L = \(dataLength) announces "
            + "\(DLT645Frame.overhead + dataLength)"
    }
}
