/// Lengths an RTU ADU can have, from its first bytes (Modbus over Serial Line V1.02 §2.5.1.1:
/// a master frames on length and CRC, not on the 3.5-character gap, which USB adapters and
/// serial device servers hide).
///
/// Used by `RTURequestDecoder`: known for requests of 01–06, 0F and 10; other function codes
/// have no length the framer could trust.
enum RTUFrameLength {
    enum Candidates: Equatable {
        /// More bytes are needed before the candidate lengths are known.
        case needMoreData
        /// The function code at offset 1 has no known length rule.
        case unknownFunction(UInt8)
        /// Possible ADU lengths, in the order to try them.
        case lengths([Int])
    }

    /// Length of a request (01–06: 8; 0F/10: 9 + byte count at offset 6), for a slave.
    static func requestCandidates(_ buffer: InputBuffer) -> Candidates {
        guard buffer.readableBytes >= 2 else { return .needMoreData }
        let code = buffer[1]
        switch code {
        case 0x01...0x06:
            return .lengths([8])
        case 0x0F, 0x10:
            guard buffer.readableBytes >= 7 else { return .needMoreData }
            return .lengths([9 + Int(buffer[6])])
        default:
            return .unknownFunction(code)
        }
    }

    /// Reason for discarding the first byte when no candidate length ends in a good CRC:
    /// the CRC mismatch at the first candidate (received and expected values).
    static func crcMismatch(_ buffer: InputBuffer, length: Int) -> WireError {
        let frame = buffer.peek(count: length)
        let end = frame.endIndex
        let received = ModbusCRC.read(frame, at: end - 2)
        let computed = ModbusCRC.checksum(frame[frame.startIndex..<(end - 2)])
        return WireError(.badChecksum,
                         "no RTU frame at this byte: as a \(length)-byte frame the CRC received is \(ModbusCRC.describe(received)), expected \(ModbusCRC.describe(computed)); skipping 1 byte",
                         offset: length - 2)
    }

    static func unknownFunction(_ code: UInt8) -> WireError {
        WireError(.garbage,
                  "byte 1 = 0x\(Hex.byte2(code)) (\(ModbusFunction.name(ofCode: code))) has no known frame length; skipping 1 byte",
                  offset: 1)
    }
}
