/// Builders of the DL/T 645-2007 requests the gateway sends (master → meter).
/// Each returns a frame; send `frame.encoded()` (4 FE preamble bytes by default).
public enum DLT645Request {
    /// 0x11 read data: DI sent low byte first, e.g. forward active energy from meter
    /// 123456789012 → `68 12 90 78 56 34 12 68 11 04 33 33 34 33 68 16`.
    public static func readData(_ identifier: DLT645DataIdentifier, from address: DLT645Address) -> DLT645Frame {
        DLT645Frame(unchecked: address, control: .readData, data: identifier.wireBytes)
    }

    /// 0x12 read follow-up: DI then the sequence number of the wanted follow-up frame.
    public static func readFollowUp(_ identifier: DLT645DataIdentifier, sequence: UInt8,
                                    from address: DLT645Address) -> DLT645Frame {
        DLT645Frame(unchecked: address, control: .readFollowUp, data: identifier.wireBytes + [sequence])
    }

    /// 0x13 read address, to the wildcard address AA…AA (only one meter may be on the bus).
    public static func readAddress() -> DLT645Frame {
        DLT645Frame(unchecked: .wildcard, control: .readAddress, data: [])
    }

    /// 0x08 broadcast time, to 99…99, data ssmmhhDDMMYY; meters do not reply.
    public static func broadcastTime(_ time: DLT645DateTime) -> DLT645Frame {
        DLT645Frame(unchecked: .broadcast, control: .broadcastTime, data: time.wireBytes)
    }
}
