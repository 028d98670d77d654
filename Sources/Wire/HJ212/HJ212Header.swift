/// The header fields of a data segment, before `CP=` (HJ 212-2017 §6.3.2, Table 3;
/// HJ 212-2025 adds `RF`).
///
/// Values are kept as written so that a strictly parsed header re-encodes to the same text;
/// typed views (`qnTime`, `system`, `command`) interpret them. The encoder writes the fields
/// in the standard's order `QN;ST;CN;PW;MN;Flag;[PNUM;PNO;][RF;]`. Where HJ 212-2025 places
/// `RF` was not available from the text (domain.md §3 [S]): it is written after PNO, before CP.
public struct HJ212Header: Sendable, Equatable {
    /// A header field this implementation does not define, kept verbatim.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) { self.name = name; self.value = value }
    }

    /// Request number `YYYYMMDDhhmmsszzz`; nil in HJ/T 212-2005 frames.
    public var qn: String?
    /// System code (2 digits).
    public var st: String
    /// Command code (4 digits).
    public var cn: String
    /// Access password.
    public var pw: String
    /// Device id (24 hex characters in 2017/2025; 14 in many 2005 devices).
    public var mn: String
    /// nil in HJ/T 212-2005 frames without Flag.
    public var flag: HJ212Flag?
    /// `PNUM`: total number of packets, present when Flag bit D is set.
    public var packetCount: Int?
    /// `PNO`: this packet's number, 1-based.
    public var packetNumber: Int?
    /// `RF=1`: a resend (补传) packet (HJ 212-2025).
    public var resend: Bool
    /// Fields outside the standard, written after RF.
    public var otherFields: [Field]

    public init(qn: String?, st: String, cn: String, pw: String, mn: String, flag: HJ212Flag?,
                packetCount: Int? = nil, packetNumber: Int? = nil, resend: Bool = false,
                otherFields: [Field] = []) {
        self.qn = qn; self.st = st; self.cn = cn; self.pw = pw; self.mn = mn; self.flag = flag
        self.packetCount = packetCount; self.packetNumber = packetNumber; self.resend = resend
        self.otherFields = otherFields
    }

    /// A header from typed values: QN from a timestamp, ST and CN from their codes.
    public init(qn: HJ212Timestamp, system: HJ212SystemCode, command: HJ212CommandCode, pw: String,
                mn: String, flag: HJ212Flag, resend: Bool = false) {
        self.init(qn: qn.text17, st: HJ212Timestamp.pad(system.rawValue, 2),
                  cn: HJ212Timestamp.pad(command.rawValue, 4), pw: pw, mn: mn, flag: flag, resend: resend)
    }

    /// QN as a time, when it is 17 valid digits.
    public var qnTime: HJ212Timestamp? {
        guard let qn else { return nil }
        return try? HJ212Timestamp.parse(qn, milliseconds: true)
    }

    public var system: HJ212SystemCode? { Int(st).map(HJ212SystemCode.init(rawValue:)) }

    public var command: HJ212CommandCode? {
        CPField.canonicalInteger(cn).map(HJ212CommandCode.init(rawValue:))
    }

    /// The header as written before `CP=`, each field followed by `;` (strict form).
    /// Throws when a field does not fit its type (see `validate`).
    public func encoded() throws(WireError) -> String {
        var parts: [String] = []
        for (name, value) in try validatedFields() { parts.append(name + "=" + value + ";") }
        return parts.joined()
    }

    /// The fields in the standard's order after checking each value; the first bad one throws.
    func validatedFields() throws(WireError) -> [(String, String)] {
        var fields: [(String, String)] = []
        if let qn { try Self.validate("QN", qn); fields.append(("QN", qn)) }
        for (name, value) in [("ST", st), ("CN", cn), ("PW", pw), ("MN", mn)] {
            try Self.validate(name, value)
            fields.append((name, value))
        }
        if let flag { fields.append(("Flag", String(flag.rawValue))) }
        if (packetCount != nil) != (packetNumber != nil) || (flag?.split ?? false) != (packetCount != nil) {
            throw WireError(.badValue, "PNUM and PNO must both be present exactly when Flag bit D is set")
        }
        if let packetCount, let packetNumber {
            guard packetCount >= 1, packetCount <= 9999, packetNumber >= 1, packetNumber <= packetCount else {
                throw WireError(.badValue, "PNO \(packetNumber) / PNUM \(packetCount) out of range (1 ≤ PNO ≤ PNUM ≤ 9999)")
            }
            fields.append(("PNUM", String(packetCount)))
            fields.append(("PNO", String(packetNumber)))
        }
        if resend { fields.append(("RF", "1")) }
        for field in otherFields {
            try Self.validate(field.name, field.value)
            if field.name.isEmpty || field.name.utf8.contains(0x3D) || Self.knownNames.contains(field.name) {
                throw WireError(.badValue, "header field name '\(field.name)' is empty, contains '=' or is a standard field")
            }
            fields.append((field.name, field.value))
        }
        return fields
    }

    static let knownNames = ["QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO", "RF", "CP"]

    /// The type rule of one header field (Table 3): QN 17 digits and a valid time; ST 2 digits;
    /// CN 4 digits; every value non-empty, without `;` `,` `&` `=` and without spaces at its ends.
    static func validate(_ name: String, _ value: String) throws(WireError) {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty else { throw WireError(.badValue, "\(name) is empty") }
        if let bad = bytes.firstIndex(where: { [0x3B, 0x2C, 0x26, 0x3D, 0x0D, 0x0A].contains($0) }) {
            throw WireError(.badValue, "\(name) '\(value)' contains a separator character", offset: bad)
        }
        if bytes.first == 0x20 || bytes.last == 0x20 {
            throw WireError(.badValue, "\(name) '\(value)' has spaces at its ends")
        }
        func digits(_ count: Int) throws(WireError) {
            guard bytes.count == count, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw WireError(.badValue, "\(name) '\(value)' is not \(count) decimal digits")
            }
        }
        switch name {
        case "QN":
            do { _ = try HJ212Timestamp.parse(value, milliseconds: true) } catch {
                throw WireError(.badValue, "QN '\(value)' is not a valid YYYYMMDDhhmmsszzz time: \(error.message)",
                                offset: error.offset)
            }
        case "ST": try digits(2)
        case "CN": try digits(4)
        default: break
        }
    }
}
