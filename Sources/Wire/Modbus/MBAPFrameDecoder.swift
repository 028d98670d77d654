/// Incremental decoder of Modbus TCP ADUs from a TCP byte stream, framing on the MBAP length
/// (Modbus Messaging on TCP/IP Implementation Guide §3.1.3; a PDU may arrive in any number of
/// TCP segments, and several ADUs may share one).
///
/// Rules, decided as early as the bytes allow so every split gives the same result:
/// - with 4 bytes: protocol id (bytes 2–3) not 0 → discard one byte (`.malformed`);
/// - with 6 bytes: length (bytes 4–5) of 0 or 1 (no function code) → discard one byte
///   (`.malformed`); above 254 → discard one byte (`.tooLong`);
/// - otherwise wait for 6 + length bytes and return the frame. The PDU is not interpreted here:
///   `ModbusTCPFrame.parseRequest()` / `parseReply()` type it.
///
/// A TCP stream does not lose bytes, so a discard means the peer is not speaking Modbus TCP
/// (or is speaking RTU over TCP); the caller should count discards and close after a few.
public struct MBAPFrameDecoder: FrameDecoder, Sendable {
    public typealias Frame = ModbusTCPFrame

    public init() {}

    public mutating func decode(_ buffer: inout InputBuffer) -> DecodeStep<ModbusTCPFrame> {
        guard buffer.readableBytes >= 4 else { return .needMoreData }
        let protocolID = UInt16(buffer[2]) << 8 | UInt16(buffer[3])
        guard protocolID == 0 else {
            buffer.discard(1)
            return .discarded(count: 1, reason: WireError(
                .malformed, "MBAP protocol id \(protocolID) is not 0; skipping 1 byte", offset: 2))
        }
        guard buffer.readableBytes >= 6 else { return .needMoreData }
        let length = UInt16(buffer[4]) << 8 | UInt16(buffer[5])
        guard length >= MBAPHeader.minimumLengthField, length <= MBAPHeader.maximumLengthField else {
            buffer.discard(1)
            let code: WireError.Code = length > MBAPHeader.maximumLengthField ? .tooLong : .malformed
            return .discarded(count: 1, reason: WireError(
                code, "MBAP length \(length) outside 2…254; skipping 1 byte", offset: 4))
        }
        let total = 6 + Int(length)
        guard buffer.readableBytes >= total else { return .needMoreData }
        let bytes = buffer.consume(total)
        guard let header = MBAPHeader.read(bytes[...]) else { return .needMoreData }
        return .frame(ModbusTCPFrame(header: header, pdu: Array(bytes[MBAPHeader.length...])))
    }
}
