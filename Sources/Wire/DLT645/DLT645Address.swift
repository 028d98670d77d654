/// A DL/T 645-2007 meter address: 6 bytes, 12 BCD digits, sent low byte first.
///
/// DL/T 645-2007 (address field A0…A5): each byte holds two BCD digits, A0 (the lowest
/// two digits) is transmitted first, so meter "123456789012" goes on the wire as
/// `12 90 78 56 34 12`. Shorter numbers are padded with leading zeros. A byte `AA` is a
/// wildcard digit pair ("AAAAAAAAAAAA" reaches any single meter on the bus, e.g. for
/// read-address); `99 99 99 99 99 99` is the broadcast address (broadcast time).
public struct DLT645Address: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The six address bytes in wire order (A0 first).
    public let wireBytes: [UInt8]

    /// Every digit pair a wildcard: `AA AA AA AA AA AA`.
    public static let wildcard = DLT645Address(uncheckedWireBytes: [UInt8](repeating: 0xAA, count: 6))
    /// The broadcast address `99 99 99 99 99 99`.
    public static let broadcast = DLT645Address(uncheckedWireBytes: [UInt8](repeating: 0x99, count: 6))

    init(uncheckedWireBytes bytes: [UInt8]) {
        wireBytes = bytes
    }

    /// An address from its six bytes in wire order (A0 first). Any byte values are kept
    /// (a received frame is never rejected for its address); see `isWellFormed`.
    /// - Throws: `.malformed` when `bytes` is not exactly six bytes long.
    public init(wireBytes bytes: [UInt8]) throws(WireError) {
        guard bytes.count == 6 else {
            throw WireError(.malformed, "a DL/T 645 address is 6 bytes, got \(bytes.count)")
        }
        wireBytes = bytes
    }

    /// An address from its printed form: 1…12 decimal digits (left-padded with zeros),
    /// or 12 characters where a digit pair may be `AA` (wildcard, either case).
    /// - Throws: `.badValue` naming the offending character offset.
    public init(_ text: String) throws(WireError) {
        let chars = Array(text.utf8)
        guard !chars.isEmpty, chars.count <= 12 else {
            throw WireError(.badValue, "a DL/T 645 address has 1 to 12 digits, got \(chars.count) characters")
        }
        let padded = [UInt8](repeating: UInt8(ascii: "0"), count: 12 - chars.count) + chars
        let pad = 12 - chars.count
        var bytes = [UInt8](repeating: 0, count: 6)
        for pair in 0..<6 {
            let high = padded[pair * 2], low = padded[pair * 2 + 1]
            let byte: UInt8
            if high | 0x20 == UInt8(ascii: "a"), low | 0x20 == UInt8(ascii: "a") {
                byte = 0xAA
            } else if let h = Self.decimal(high), let l = Self.decimal(low) {
                byte = h << 4 | l
            } else {
                let bad = Self.decimal(high) == nil ? pair * 2 : pair * 2 + 1
                throw WireError(.badValue,
                                "address character '\(Character(Unicode.Scalar(padded[bad])))' is neither a "
                                + "decimal digit nor part of an AA wildcard pair",
                                offset: max(0, bad - pad))
            }
            bytes[5 - pair] = byte
        }
        wireBytes = bytes
    }

    private static func decimal(_ c: UInt8) -> UInt8? {
        c >= 0x30 && c <= 0x39 ? c - 0x30 : nil
    }

    /// The 12 characters as printed on the meter, most significant first; a wildcard pair
    /// prints as `AA`, a non-BCD byte as its hex.
    public var digits: String {
        var out = ""
        for byte in wireBytes.reversed() { out += Hex.byte2(byte) }
        return out
    }

    public var description: String { digits }

    /// All six bytes `AA`.
    public var isWildcard: Bool { wireBytes.allSatisfy { $0 == 0xAA } }
    /// All six bytes `99`.
    public var isBroadcast: Bool { wireBytes.allSatisfy { $0 == 0x99 } }
    /// Some but not all digit pairs are the `AA` wildcard.
    public var hasPartialWildcard: Bool { wireBytes.contains(0xAA) && !isWildcard }
    /// Every byte is either packed BCD or the `AA` wildcard.
    public var isWellFormed: Bool {
        wireBytes.allSatisfy { $0 == 0xAA || DLT645BCD.value($0) != nil }
    }

    /// A note for displays: wildcard, partial wildcard, broadcast or a malformed byte.
    public var note: String? {
        if isWildcard { return "wildcard (any meter)" }
        if isBroadcast { return "broadcast" }
        if hasPartialWildcard { return "partial wildcard (AA digit pairs match any)" }
        if !isWellFormed { return "not BCD" }
        return nil
    }
}
