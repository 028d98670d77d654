/// `cmmgate decode` for Modbus: explains an RTU or TCP ADU field by field. Never throws.
public enum ModbusFrameDescriber {
    /// Describes an RTU ADU (slave, PDU, CRC). Nil when fewer than 4 bytes (cannot be RTU).
    /// Problems include a bad CRC with the expected value as it would appear on the wire
    /// (low byte first), byte-count mismatches, out-of-limit quantities, reserved addresses.
    public static func describeRTU(_ bytes: [UInt8]) -> FrameDescription? {
        guard bytes.count >= RTUADU.minimumLength else { return nil }
        let slave = bytes[0]
        var pdu = ModbusPDUDescriber(base: 1)
        pdu.fields.append(slaveField(slave))
        if slave > 247 { pdu.problems.append("slave address \(slave) is reserved (248…255)") }
        if bytes.count > RTUADU.maximumLength {
            pdu.problems.append("frame of \(bytes.count) bytes exceeds the RTU maximum of 256")
        }
        let end = bytes.count - 2
        let kind = pdu.describe(bytes[1..<end])
        let received = ModbusCRC.read(bytes[...], at: end)
        let computed = ModbusCRC.checksum(bytes[..<end])
        pdu.fields.append(.init("CRC", Hex.format(bytes[end...]), note: "received, 0x\(Hex.word4(received))"))
        pdu.fields.append(.init("computed CRC", Hex.format(ModbusCRC.wireBytes(computed)),
                                note: "0x\(Hex.word4(computed)), low byte first on the wire"))
        if received != computed {
            pdu.problems.append("bad CRC at byte \(end): received \(Hex.format(bytes[end...])), expected \(Hex.format(ModbusCRC.wireBytes(computed)))")
        }
        return FrameDescription(protocolName: "Modbus RTU", summary: summary(kind, id: "slave", slave),
                                fields: pdu.fields, problems: pdu.problems)
    }

    /// Describes a Modbus TCP ADU (MBAP header + PDU). Nil when shorter than 8 bytes, the
    /// protocol id is not 0, or the MBAP length does not match the frame's size.
    public static func describeTCP(_ bytes: [UInt8]) -> FrameDescription? {
        guard let header = MBAPHeader.read(bytes[...]), header.protocolID == 0,
              header.length >= MBAPHeader.minimumLengthField,
              6 + Int(header.length) == bytes.count else { return nil }
        var pdu = ModbusPDUDescriber(base: MBAPHeader.length)
        pdu.fields.append(.init("transaction id", "\(header.transactionID)", note: "0x" + Hex.word4(header.transactionID)))
        pdu.fields.append(.init("protocol id", "0", note: "Modbus"))
        pdu.fields.append(.init("length", "\(header.length)", note: "unit id + PDU bytes"))
        pdu.fields.append(.init("unit id", "\(header.unitID)",
                                note: header.unitID == 0xFF || header.unitID == 0 ? "no serial target (0 or 255)" : nil))
        if header.length > MBAPHeader.maximumLengthField {
            pdu.problems.append("MBAP length \(header.length) exceeds 254")
        }
        let kind = pdu.describe(bytes[MBAPHeader.length...])
        return FrameDescription(protocolName: "Modbus TCP", summary: summary(kind, id: "unit", header.unitID),
                                fields: pdu.fields, problems: pdu.problems)
    }

    private static func slaveField(_ slave: UInt8) -> FrameDescription.Field {
        .init("slave", "\(slave)", note: slave == 0 ? "broadcast" : (slave > 247 ? "reserved" : nil))
    }

    private static func summary(_ kind: String, id: String, _ value: UInt8) -> String {
        "\(kind), \(id) \(value)"
    }
}
