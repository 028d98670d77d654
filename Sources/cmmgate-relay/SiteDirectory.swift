import Wire

/// What a connection's session needs to know of each site it may hear from: the password to
/// check, the Flag version to answer with, the SM4 cipher (2025) and the UTC offset of its times.
struct SiteDirectory: Sendable {
    struct Entry: Sendable {
        var mn: String
        var name: String
        var password: String
        var profile: RelayProfile
        var cipher: (any BlockCipher128)?
        var utcOffsetMinutes: Int
        var minuteIntervalMinutes: Int

        /// The Flag of a frame the relay sends to this site (`ack`: the A bit).
        func flag(ack: Bool) -> HJ212Flag {
            HJ212Flag(version: profile == .hj2017 ? .hj212_2017 : .hj212_2025, ackRequired: ack, split: false)
        }
    }

    private var entries: [String: Entry] = [:]

    init(_ list: [Entry] = []) {
        for entry in list { entries[entry.mn] = entry }
    }

    subscript(mn: String) -> Entry? { entries[mn] }

    var all: [Entry] { entries.values.sorted { $0.mn < $1.mn } }
}

/// Finds the MN in the header of the packet at the start of a buffer (`##dddd…MN=…;`), so the
/// session can give the decoder that site's SM4 key before the packet is checked: only the CP
/// area is encrypted (HJ 212-2025 §6.4), the header is plain.
enum HeaderPeek {
    /// The MN of the packet starting at the buffer's reader index, or nil when there is none yet.
    static func mn(in buffer: InputBuffer) -> String? {
        guard buffer.readableBytes > 10, buffer[0] == 0x23, buffer[1] == 0x23 else { return nil }
        let limit = min(buffer.readableBytes, 6 + 200)
        var index = 6
        while index + 3 < limit {
            let startsField = index == 6 || buffer[index - 1] == 0x3B || buffer[index - 1] == 0x2C
            if startsField, buffer[index] == 0x4D, buffer[index + 1] == 0x4E, buffer[index + 2] == 0x3D {
                var end = index + 3
                while end < limit, buffer[end] != 0x3B, buffer[end] != 0x2C, buffer[end] != 0x26 { end += 1 }
                guard end < limit else { return nil }
                return String(decoding: buffer.peek(offset: index + 3, count: end - index - 3), as: UTF8.self)
            }
            if buffer[index] == 0x43, buffer[index + 1] == 0x50, buffer[index + 2] == 0x3D { return nil }  // CP=
            index += 1
        }
        return nil
    }
}
