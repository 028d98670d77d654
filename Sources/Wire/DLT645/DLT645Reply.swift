/// Builders of DL/T 645-2007 meter replies (meter → master), for the meter simulator
/// and for tests.
public enum DLT645Reply {
    /// 0x91 (or 0xB1 with `hasFollowUp`): DI then the value encoded per the catalogue.
    /// - Throws: `.badValue` when `value` does not fit the identifier's format;
    ///   `.tooLong` when the data exceeds 200 bytes.
    public static func readData(_ identifier: DLT645DataIdentifier, value: DLT645Value, from address: DLT645Address,
                                hasFollowUp: Bool = false) throws(WireError) -> DLT645Frame {
        let format = identifier.catalogEntry?.format ?? .raw
        let bytes = try format.encode(value)
        return try DLT645Frame(address: address,
                               control: hasFollowUp ? .readDataReplyWithFollowUp : .readDataReply,
                               data: identifier.wireBytes + bytes)
    }

    /// 0x93: the meter's own address in the data field.
    public static func readAddress(_ address: DLT645Address) -> DLT645Frame {
        DLT645Frame(unchecked: address, control: .readAddressReply, data: address.wireBytes)
    }

    /// An abnormal reply (0xC0 | function, e.g. 0xD1) carrying one error word.
    public static func abnormal(_ function: DLT645ControlCode.Function, error: DLT645ErrorWord,
                                from address: DLT645Address) -> DLT645Frame {
        DLT645Frame(unchecked: address, control: DLT645ControlCode(function: function, isReply: true, isAbnormal: true),
                    data: [error.rawValue])
    }
}
