/// A Modbus RTU request ADU (Modbus over Serial Line V1.02 §2.5.1): `slave(1) PDU CRC(2, low first)`.
///
/// Slave 0 is the broadcast address (§2.2): no slave replies to it. Read functions 01–04 are
/// not meant to be broadcast, but such a frame is still recognised (`isBroadcast`).
public struct RTURequestFrame: Sendable, Equatable, Hashable {
    public var slave: UInt8
    public var request: ModbusReadRequest

    public init(slave: UInt8, request: ModbusReadRequest) {
        self.slave = slave
        self.request = request
    }

    /// Slave 0: broadcast, no reply expected.
    public var isBroadcast: Bool { slave == 0 }

    /// The whole ADU with CRC, after checking the request limits and the slave address
    /// (0 broadcast, 1…247 unicast; 248…255 are reserved, §2.2).
    public func encode() throws(WireError) -> [UInt8] {
        try RTUADU.validate(slave: slave)
        return ModbusCRC.appending(to: [slave] + (try request.encodePDU()))
    }

    /// The ADU exactly as the fields say, without limit checks (for re-encoding what was received).
    public var bytes: [UInt8] { ModbusCRC.appending(to: [slave] + request.pduBytes) }

    /// Length of the normal RTU reply to this request.
    public var replyLength: Int { request.rtuReplyLength }
}

/// A Modbus RTU reply ADU: `slave(1) PDU CRC(2, low first)`, normal or exception.
public struct RTUReplyFrame: Sendable, Equatable, Hashable {
    public var slave: UInt8
    public var reply: ModbusReply

    public init(slave: UInt8, reply: ModbusReply) {
        self.slave = slave
        self.reply = reply
    }

    /// The whole ADU with CRC, after checking the reply limits and slave address (1…247:
    /// a broadcast is never answered).
    public func encode() throws(WireError) -> [UInt8] {
        guard slave != 0 else { throw WireError(.badValue, "a reply cannot come from broadcast address 0", offset: 0) }
        try RTUADU.validate(slave: slave)
        return ModbusCRC.appending(to: [slave] + (try reply.encodePDU()))
    }

    /// The ADU exactly as the fields say, without limit checks.
    public var bytes: [UInt8] { ModbusCRC.appending(to: [slave] + reply.pduBytes) }
}
