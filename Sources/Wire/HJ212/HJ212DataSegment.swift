/// A data segment: header fields and the CP data area (HJ 212-2017 §6.3.2–6.3.3).
///
/// `QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&`
///
/// The encoder is strict (standard order, `;` separators). The lenient parser accepts the
/// quirks of the standard's own examples and of field devices (domain.md §2.8) and lists each
/// one in `warnings`; the strict parser rejects them, and whatever it accepts re-encodes to
/// exactly the same text.
public struct HJ212DataSegment: Sendable, Equatable {
    public var header: HJ212Header
    public var cp: CPDataArea
    /// Every leniency applied while parsing, header and CP (empty when built or parsed strictly).
    public var warnings: [HJ212Leniency]

    public init(header: HJ212Header, cp: CPDataArea, warnings: [HJ212Leniency] = []) {
        self.header = header
        self.cp = cp
        self.warnings = warnings
    }

    /// The segment text in the strict form.
    public func encoded() throws(WireError) -> String {
        try header.encoded() + "CP=&&" + cp.encoded() + "&&"
    }

    /// Parses a plaintext data segment. Errors carry the character (UTF-8 byte) offset within
    /// the segment. An SM4-encrypted CP area (`{0x..}`, HJ 212-2025 §6.4) must be decrypted
    /// first (`HJ212CPEncryption.decrypt`); here it is reported as `.unsupported`.
    public static func parse(_ text: String, mode: HJ212ParseMode = .lenient) throws(WireError) -> HJ212DataSegment {
        let bytes = Array(text.utf8)
        var log = LeniencyLog(mode)
        let (cpStart, cpEnd) = try locateCP(bytes)
        let header = try parseHeader(bytes[..<cpStart], log: &log)
        var area = bytes[(cpStart + 5)..<cpEnd]
        var areaOffset = cpStart + 5
        if area.first == 0x20 {
            try log.note(.whitespaceInCP, "space after 'CP=&&'", offset: areaOffset)
            while area.first == 0x20 { area.removeFirst(); areaOffset += 1 }
        }
        if area.first == UInt8(ascii: "{") {
            throw WireError(.unsupported, "the CP area is SM4-encrypted (HJ 212-2025 §6.4); decrypt it first",
                            offset: areaOffset)
        }
        let items = try CPDataArea.parse(Array(area), baseOffset: areaOffset, log: &log)
        return HJ212DataSegment(header: header, cp: CPDataArea(items), warnings: log.items)
    }

    /// Offsets of `CP=&&` (its `C`) and of the closing `&&` that ends the segment.
    static func locateCP(_ bytes: [UInt8]) throws(WireError) -> (Int, Int) {
        guard let start = firstOffset(of: Array("CP=&&".utf8), in: bytes) else {
            throw WireError(.malformed, "no 'CP=&&' data area in the segment", offset: bytes.count)
        }
        let n = bytes.count
        guard n >= start + 7, bytes[n - 2] == 0x26, bytes[n - 1] == 0x26 else {
            throw WireError(.malformed, "the segment does not end with the closing '&&' of the CP area",
                            offset: max(n - 2, 0))
        }
        return (start, n - 2)
    }

    static func firstOffset(of needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Int? {
        guard needle.count <= bytes.count, from <= bytes.count - needle.count else { return nil }
        var index = from
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    /// Parses `QN=…;ST=…;…;` (the text before `CP=`).
    static func parseHeader(_ bytes: ArraySlice<UInt8>, log: inout LeniencyLog) throws(WireError) -> HJ212Header {
        if let last = bytes.last, last != 0x3B {
            if last == 0x2C {
                try log.note(.commaInHeader, "',' instead of ';' before CP=", offset: bytes.endIndex - 1)
            } else {
                try log.note(.missingSemicolonBeforeCP, "no ';' before CP=", offset: bytes.endIndex)
            }
        }
        var values: [String: (String, Int)] = [:]
        var others: [HJ212Header.Field] = []
        var lastOrder = -1
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == 0x3B || bytes[index] == 0x2C {
            if bytes[index] == 0x2C, index + 1 < bytes.endIndex {
                try log.note(.commaInHeader, "',' instead of ';' between header fields", offset: index)
            }
            try headerField(bytes[start..<index], values: &values, others: &others, lastOrder: &lastOrder, log: &log)
            start = index + 1
        }
        if start < bytes.endIndex {
            try headerField(bytes[start...], values: &values, others: &others, lastOrder: &lastOrder, log: &log)
        }
        return try HeaderBuilder(values: values, others: others).build(log: &log, end: bytes.endIndex)
    }

    /// One `NAME=value` of the header, recorded into `values` (standard names) or `others`.
    private static func headerField(_ field: ArraySlice<UInt8>, values: inout [String: (String, Int)],
                                    others: inout [HJ212Header.Field], lastOrder: inout Int,
                                    log: inout LeniencyLog) throws(WireError) {
        let offset = field.startIndex
        if field.isEmpty {
            try log.note(.emptyItem, "empty header field skipped", offset: offset)
            return
        }
        guard let equals = field.firstIndex(of: 0x3D) else {
            throw WireError(.malformed, "header field '\(CPDataArea.text(field))' has no '='", offset: offset)
        }
        let name = CPDataArea.text(field[..<equals])
        let value = CPDataArea.text(field[(equals + 1)...])
        guard let order = HJ212Header.knownNames.firstIndex(of: name), name != "CP" else {
            try log.note(.unknownHeaderField, "unknown header field '\(name)' kept", offset: offset)
            others.append(HJ212Header.Field(name, value))
            return
        }
        if values[name] != nil {
            try log.note(.duplicateField, "header field \(name) given twice; the first is used", offset: offset)
            return
        }
        if order < lastOrder {
            try log.note(.headerFieldOrder, "header field \(name) out of the standard's order", offset: offset)
        }
        lastOrder = max(lastOrder, order)
        values[name] = (value, offset)
    }
}
