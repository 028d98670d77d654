/// How strictly a decoder reads a data segment.
public enum HJ212ParseMode: Sendable, Equatable {
    /// Only the canonical form the encoder writes; any deviation is an error. A segment that
    /// parses strictly re-encodes to exactly the same text.
    case strict
    /// Accepts the deviations found in the standard's own examples and in the field
    /// (domain.md §2.8), each one reported as an `HJ212Leniency`.
    case lenient
}

/// One deviation from the standard that a lenient parse accepted. Nothing is forgiven
/// silently: `cmmgate decode` shows these, and the uplink can count them per peer.
public struct HJ212Leniency: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// CRC written with lower-case hex digits (e.g. `a9c1`).
        case lowercaseCRC
        /// Frame without the trailing CR LF (last input, or followed directly by `##`).
        case missingTerminator
        /// The terminator written as the four characters `\r\n` (as the PDF renders it).
        case literalTerminator
        /// Whitespace around the pasted frame or segment.
        case surroundingWhitespace
        /// `,` instead of `;` between header fields (App. C.48 `QN=…534,ST=32`).
        case commaInHeader
        /// No `;` before `CP=` (App. C.19 `Flag=5CP=&&`).
        case missingSemicolonBeforeCP
        /// Spaces around CP fields (`CP=&& ExeRtn=1&&`).
        case whitespaceInCP
        /// No QN (HJ/T 212-2005 style).
        case missingQN
        /// No Flag (HJ/T 212-2005 style).
        case missingFlag
        /// Header fields not in the standard's order QN;ST;CN;PW;MN;Flag;PNUM;PNO;RF.
        case headerFieldOrder
        /// A header field the standard does not define, kept verbatim.
        case unknownHeaderField
        /// A header or CP field given twice; the first one is used.
        case duplicateField
        /// An empty CP item (`;;`) or a trailing separator, skipped.
        case emptyItem
        /// A field without `=`, kept as a name with an empty value.
        case fieldWithoutValue
        /// A field value that does not fit its type (kept verbatim).
        case invalidFieldValue
        /// PNUM/PNO present without Flag bit D, or missing with it.
        case splitFieldsMismatch
        /// An encrypted packet whose length field counts the other convention than configured.
        case lengthConvention
    }

    public var kind: Kind
    public var message: String
    /// Character (UTF-8 byte) offset in the frame or segment where it was found.
    public var offset: Int?

    public init(_ kind: Kind, _ message: String, offset: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    public var description: String {
        if let offset { return "\(message) (at \(offset))" }
        return message
    }
}

/// Collects leniencies; in strict mode the first one becomes the thrown error instead.
struct LeniencyLog {
    let mode: HJ212ParseMode
    var items: [HJ212Leniency] = []

    init(_ mode: HJ212ParseMode) { self.mode = mode }

    mutating func note(_ kind: HJ212Leniency.Kind, _ message: String, offset: Int?) throws(WireError) {
        if mode == .strict { throw WireError(.malformed, message, offset: offset) }
        items.append(HJ212Leniency(kind, message, offset: offset))
    }
}
