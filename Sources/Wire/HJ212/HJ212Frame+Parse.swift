extension HJ212Frame {
    /// Parses one whole packet given as text, e.g. pasted into `cmmgate decode` or read from a log
    /// (HJ 212-2017 §6.3.1). Lenient where people and devices are sloppy, each leniency reported in
    /// `warnings`: whitespace around the frame, a missing CR LF at the end (the end of the text
    /// delimits the frame here), the terminator written as the four characters `\r\n` as the PDF
    /// renders it, a lower-case CRC. A length field that disagrees with the segment is an error
    /// naming both counts. Errors carry the character offset within `text`.
    public static func parse(_ text: String, cipher: (any BlockCipher128)? = nil,
                             lengthConvention: HJ212LengthConvention = .plaintextLength) throws(WireError) -> HJ212Frame {
        try parse(Array(text.utf8), cipher: cipher, lengthConvention: lengthConvention)
    }

    /// As `parse(_:cipher:lengthConvention:)`, over bytes.
    public static func parse(_ bytes: [UInt8], cipher: (any BlockCipher128)? = nil,
                             lengthConvention: HJ212LengthConvention = .plaintextLength) throws(WireError) -> HJ212Frame {
        var warnings: [HJ212Leniency] = []
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        if start > 0 {
            warnings.append(HJ212Leniency(.surroundingWhitespace, "whitespace before '##'", offset: 0))
        }
        let end = trimTerminator(bytes, from: start, warnings: &warnings)
        guard end - start >= 2, bytes[start] == 0x23, bytes[start + 1] == 0x23 else {
            throw WireError(.malformed, "a frame starts with '##'", offset: start)
        }
        guard end - start >= 10 else {
            throw WireError(.truncated, "a frame has at least '##', 4 length digits and 4 CRC digits; got \(end - start) characters",
                            offset: end)
        }
        var length = 0
        for index in (start + 2)..<(start + 6) {
            guard let digit = decimal(bytes[index]) else {
                throw WireError(.malformed, "length field is not 4 decimal digits", offset: index)
            }
            length = length * 10 + digit
        }
        let segment = bytes[(start + 6)..<(end - 4)]
        do {
            return try check(lengthField: length, transmitted: segment, crcDigits: bytes[(end - 4)..<end],
                             cipher: cipher, convention: lengthConvention, warnings: warnings)
        } catch {
            throw WireError(error.code, error.message, offset: error.offset.map { $0 + start })
        }
    }

    /// The end of the frame proper: strips CR LF (or the literal text `\r\n`, or nothing) and
    /// whitespace after it, noting each leniency.
    private static func trimTerminator(_ bytes: [UInt8], from start: Int, warnings: inout [HJ212Leniency]) -> Int {
        var end = bytes.count
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let tail = Array(bytes[end...])
        if tail == [0x0D, 0x0A] { return end }
        if tail.count > 2, let crlf = firstCRLF(tail) {
            warnings.append(HJ212Leniency(.surroundingWhitespace, "whitespace after the frame", offset: end + crlf + 2))
            return end
        }
        if !tail.isEmpty {
            warnings.append(HJ212Leniency(.surroundingWhitespace, "whitespace after the frame", offset: end))
        }
        let literal = Array("\\r\\n".utf8)
        if end - start >= 4, Array(bytes[(end - 4)..<end]) == literal {
            warnings.append(HJ212Leniency(.literalTerminator, "terminator written as the text '\\r\\n'", offset: end - 4))
            return end - 4
        }
        warnings.append(HJ212Leniency(.missingTerminator, "no CR LF after the CRC", offset: end))
        return end
    }

    private static func firstCRLF(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0D, bytes[index + 1] == 0x0A { return index }
            index += 1
        }
        return nil
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    static func decimal(_ c: UInt8) -> Int? { c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil }
}
