/// JSON text (RFC 8259) without Foundation, for exports: one object written front to back.
///
/// Strings are escaped (`"` `\` and every control character; U+2028 and U+2029 too, so a line of
/// JSON stays one line for every reader); numbers that are not finite are written `null`, never
/// `nan` or `inf`, so every line parses.
public struct JSONObject: Sendable {
    private var text = "{"
    private var empty = true

    public init() {}

    /// The object written so far, closed.
    public var closed: String { text + "}" }

    /// `"key":` followed by `json`, which must already be a JSON value.
    public mutating func raw(_ key: String, _ json: String) {
        text += empty ? "" : ","
        empty = false
        text += JSONText.string(key) + ":" + json
    }

    /// A string member, or `null` when `value` is nil.
    public mutating func add(_ key: String, _ value: String?) {
        raw(key, value.map(JSONText.string) ?? "null")
    }

    /// A number member; nil and non-finite values are `null`.
    public mutating func add(_ key: String, _ value: Double?) {
        raw(key, JSONText.number(value))
    }

    /// An integer member (written exactly).
    public mutating func add<T: BinaryInteger>(_ key: String, _ value: T) {
        raw(key, String(value))
    }

    /// A `true`/`false` member.
    public mutating func add(_ key: String, _ value: Bool) {
        raw(key, value ? "true" : "false")
    }
}

/// The JSON spelling of single values.
public enum JSONText {
    /// `value` as a JSON string literal, quotes included.
    public static func string(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    text += "\\u" + hex4(scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// `value` as a JSON number (Swift's shortest round-trip form, which JSON accepts: `1.5`,
    /// `1e-05`, `-0.0`), or `null` when it is nil, infinite or NaN.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }

    /// A JSON array of already-encoded values.
    public static func array(_ values: [String]) -> String {
        "[" + values.joined(separator: ",") + "]"
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
