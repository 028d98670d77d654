/// Hex text ⇄ bytes, for frames pasted by an integrator and for logs.
public enum Hex {
    /// Parses hex digits into bytes. Spaces, tabs, `:`, `-` and `,` between bytes are
    /// ignored, as is a `0x` prefix per byte. Errors name the offending character offset.
    public static func parse(_ text: String) throws(WireError) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: UInt8? = nil
        let chars = Array(text.utf8)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == UInt8(ascii: "0"), index + 1 < chars.count,
               chars[index + 1] | 0x20 == UInt8(ascii: "x"), high == nil {
                index += 2
                continue
            }
            if let nibble = nibbleValue(c) {
                if let h = high {
                    bytes.append(h << 4 | nibble)
                    high = nil
                } else {
                    high = nibble
                }
            } else if c == 0x20 || c == 0x09 || c == UInt8(ascii: ":") || c == UInt8(ascii: "-")
                        || c == UInt8(ascii: ",") || c == 0x0D || c == 0x0A {
                if high != nil {
                    throw WireError(.malformed, "odd hex digit before separator", offset: index)
                }
            } else {
                throw WireError(.malformed, "not a hex digit: '\(Character(Unicode.Scalar(c)))'", offset: index)
            }
            index += 1
        }
        if high != nil { throw WireError(.truncated, "odd number of hex digits", offset: chars.count) }
        return bytes
    }

    /// Upper-case hex with a space between bytes: `01 03 00 0A`.
    public static func format<C: Collection>(_ bytes: C, separator: String = " ") -> String
    where C.Element == UInt8 {
        var out = ""
        out.reserveCapacity(bytes.count * (2 + separator.utf8.count))
        var first = true
        for byte in bytes {
            if !first { out += separator }
            first = false
            out += byte2(byte)
        }
        return out
    }

    /// Two upper-case hex digits.
    public static func byte2(_ byte: UInt8) -> String {
        String(decoding: [digit(byte >> 4), digit(byte & 0x0F)], as: UTF8.self)
    }

    /// Four upper-case hex digits, high nibble first.
    public static func word4(_ word: UInt16) -> String {
        byte2(UInt8(word >> 8)) + byte2(UInt8(word & 0xFF))
    }

    @inlinable static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble + 0x30 : nibble - 10 + 0x41
    }

    /// Value of one hex digit (either case), or nil.
    @inlinable public static func nibbleValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
