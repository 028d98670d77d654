/// The text layer of `AgentEventCodec`: escaping values, and splitting a payload into fields.
enum EventText {
    /// One `key=value` field: the value unescaped, with the byte offsets of the key and value.
    struct Field: Equatable {
        var key: String
        var value: String
        var keyOffset: Int
        var valueOffset: Int
    }

    /// Appends `value` to `text` with the payload's escapes.
    static func appendEscaped(_ value: String, to text: inout String) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": text += "\\\\"
            case ";": text += "\\;"
            case "=": text += "\\="
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if needsEscape(scalar) {
                    text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
    }

    /// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: anything
    /// that could break a payload's line in an export, or hide in it.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// The fields of `bytes`, in order, values unescaped.
    static func fields(_ bytes: [UInt8]) throws(MeteringError) -> [Field] {
        var fields: [Field] = []
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: ";") {
                end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard end <= bytes.count else {
                throw MeteringError(.malformed, "the payload ends inside an escape", offset: bytes.count - 1)
            }
            fields.append(try field(bytes, start..<end))
            start = end + 1
        }
        return fields
    }

    /// One field from `range` of `bytes`: an ASCII-letter key, `=`, an escaped value.
    private static func field(_ bytes: [UInt8], _ range: Range<Int>) throws(MeteringError) -> Field {
        var equals = range.lowerBound
        while equals < range.upperBound, isKeyByte(bytes[equals]) { equals += 1 }
        guard equals > range.lowerBound else {
            throw MeteringError(.malformed, "a field starts with a key of ASCII letters", offset: range.lowerBound)
        }
        guard equals < range.upperBound, bytes[equals] == UInt8(ascii: "=") else {
            throw MeteringError(.malformed, "the key is not followed by =", offset: equals)
        }
        let key = String(decoding: bytes[range.lowerBound..<equals], as: UTF8.self)
        let value = try unescape(bytes, (equals + 1)..<range.upperBound)
        return Field(key: key, value: value, keyOffset: range.lowerBound, valueOffset: equals + 1)
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// The value in `range` of `bytes` with its escapes resolved.
    private static func unescape(_ bytes: [UInt8], _ range: Range<Int>) throws(MeteringError) -> String {
        guard let raw = String(validating: bytes[range], as: UTF8.self) else {
            throw MeteringError(.malformed, "a value is not valid UTF-8", offset: range.lowerBound)
        }
        var value = String.UnicodeScalarView()
        var scalars = raw.unicodeScalars.makeIterator()
        var offset = range.lowerBound
        while let scalar = scalars.next() {
            let at = offset
            offset += UTF8.width(scalar)
            if needsEscape(scalar) {
                throw MeteringError(.malformed, "raw control character U+\(hexScalar(scalar)) in a value", offset: at)
            }
            guard scalar == "\\" else {
                value.append(scalar)
                continue
            }
            guard let escaped = scalars.next() else {
                throw MeteringError(.malformed, "the value ends inside an escape", offset: at)
            }
            offset += UTF8.width(escaped)
            switch escaped {
            case "\\", ";", "=": value.append(escaped)
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "u": value.append(try unicodeEscape(&scalars, &offset, at: at))
            default:
                throw MeteringError(.malformed, "unknown escape \\\(escaped) in a value", offset: at)
            }
        }
        return String(value)
    }

    /// The scalar of a `\u{HEX}` escape whose `\u` starts at `at`: one to six hex digits, braced.
    private static func unicodeEscape(_ scalars: inout String.UnicodeScalarView.Iterator, _ offset: inout Int,
                                      at: Int) throws(MeteringError) -> Unicode.Scalar {
        guard scalars.next() == "{" else {
            throw MeteringError(.malformed, "\\u is not followed by {", offset: at)
        }
        offset += 1
        var digits = ""
        while let scalar = scalars.next() {
            offset += UTF8.width(scalar)
            if scalar == "}" {
                guard (1...6).contains(digits.count), let number = UInt32(digits, radix: 16),
                      let decoded = Unicode.Scalar(number) else { break }
                return decoded
            }
            guard scalar.properties.isASCIIHexDigit, digits.count < 6 else { break }
            digits.unicodeScalars.append(scalar)
        }
        throw MeteringError(.malformed, "\\u{…} does not hold one to six hex digits of a Unicode scalar", offset: at)
    }

    private static func hexScalar(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Takes a decoded event's fields by key, each once, and reports what is missing or left over.
struct EventFieldReader {
    private var fields: [EventText.Field]
    private let kind: AgentEvent.Kind
    private let end: Int

    init(_ fields: [EventText.Field], kind: AgentEvent.Kind, end: Int) throws(MeteringError) {
        for (index, field) in fields.enumerated() where fields[..<index].contains(where: { $0.key == field.key }) {
            throw MeteringError(.malformed, "key \(field.key) appears twice", offset: field.keyOffset)
        }
        self.fields = fields
        self.kind = kind
        self.end = end
    }

    mutating func stringWithOffset(_ key: String) throws(MeteringError) -> (String, Int) {
        guard let index = fields.firstIndex(where: { $0.key == key }) else {
            throw MeteringError(.malformed, "a \(kind.name) event needs key \(key)", offset: end)
        }
        let field = fields.remove(at: index)
        return (field.value, field.valueOffset)
    }

    mutating func string(_ key: String) throws(MeteringError) -> String {
        try stringWithOffset(key).0
    }

    mutating func int64(_ key: String) throws(MeteringError) -> Int64 {
        try integer(key, Int64.self)
    }

    mutating func uint32(_ key: String) throws(MeteringError) -> UInt32 {
        try integer(key, UInt32.self)
    }

    /// A finite `Double` as Swift writes one (`1260.5`, `1e-05`); no nan or infinity.
    mutating func double(_ key: String) throws(MeteringError) -> Double {
        let (text, offset) = try stringWithOffset(key)
        guard !text.hasPrefix("+"), let value = Double(text), value.isFinite else {
            throw MeteringError(.malformed, "\(key) \(text) is not a finite number", offset: offset)
        }
        return value
    }

    mutating func optionalInt64(_ key: String) throws(MeteringError) -> Int64? {
        guard fields.contains(where: { $0.key == key }) else { return nil }
        return try int64(key)
    }

    /// Throws at the first key the kind does not have.
    func finish() throws(MeteringError) {
        if let extra = fields.first {
            throw MeteringError(.malformed, "a \(kind.name) event has no key \(extra.key)", offset: extra.keyOffset)
        }
    }

    /// A decimal integer in its canonical form (no plus sign, no leading zeros, no spaces).
    private mutating func integer<T: FixedWidthInteger>(_ key: String, _ type: T.Type) throws(MeteringError) -> T {
        let (text, offset) = try stringWithOffset(key)
        guard let value = T(text), String(value) == text else {
            throw MeteringError(.malformed, "\(key) \(text) is not a decimal integer", offset: offset)
        }
        return value
    }
}
