/// Explains an HJ 212 packet or bare data segment field by field, for `cmmgate decode`
/// (HJ 212-2017 §6.3; HJ 212-2025 §6.4 for the SM4-encrypted CP area).
public enum HJ212FrameDescriber {
    /// nil when `text` has neither a `##` packet start nor a segment-looking `QN=`/`ST=`/`CN=`;
    /// otherwise every header field with its meaning, every CP field, the leniencies applied
    /// (as `warning` fields), CRC received and computed, and every problem. Never throws.
    public static func describe(_ text: String, cipher: (any BlockCipher128)?) -> FrameDescription? {
        let bytes = Array(text.utf8)
        if let start = HJ212DataSegment.firstOffset(of: [0x23, 0x23], in: bytes) {
            return describeFrame(Array(bytes[start...]), cipher: cipher)
        }
        let looksLikeSegment = ["QN=", "ST=", "CN="].contains {
            HJ212DataSegment.firstOffset(of: Array($0.utf8), in: bytes) != nil
        }
        guard looksLikeSegment else { return nil }
        var description = FrameDescription(protocolName: "HJ 212", summary: "data segment")
        var segment = bytes
        while let last = segment.last, HJ212Frame.isSpace(last) { segment.removeLast() }
        while let first = segment.first, HJ212Frame.isSpace(first) { segment.removeFirst() }
        HJ212SegmentDescriber.describe(String(decoding: segment, as: UTF8.self), cipher: cipher, into: &description)
        description.fields.append(.init("CRC (computed)", HJ212CRC.format(HJ212CRC.compute(segment)),
                                        note: "over the segment as given"))
        return description
    }

    /// A text starting at `##`.
    static func describeFrame(_ bytes: [UInt8], cipher: (any BlockCipher128)?) -> FrameDescription {
        var description = FrameDescription(protocolName: "HJ 212", summary: "packet")
        var envelopeOK = false
        do {
            let frame = try HJ212Frame.parse(bytes, cipher: cipher)
            envelopeOK = true
            for warning in frame.warnings { description.fields.append(.init("warning", warning.description)) }
        } catch {
            if error.code != .unsupported { description.problems.append(error.description) }
        }
        var end = bytes.count
        while end > 0, HJ212Frame.isSpace(bytes[end - 1]) { end -= 1 }
        if end >= 4, Array(bytes[(end - 4)..<end]) == Array("\\r\\n".utf8) { end -= 4 }
        guard end >= 10 else {
            description.summary = "truncated packet"
            if envelopeOK == false, description.problems.isEmpty {
                description.problems.append("too short for length and CRC")
            }
            return description
        }
        let lengthText = String(decoding: bytes[2..<6], as: UTF8.self)
        let transmitted = Array(bytes[6..<(end - 4)])
        let crcText = String(decoding: bytes[(end - 4)..<end], as: UTF8.self)
        let segmentText = String(decoding: transmitted, as: UTF8.self)
        description.fields.append(.init("length", lengthText, note: "data segment has \(transmitted.count) characters"))
        var plain = segmentText
        let encrypted = HJ212CPEncryption.isEncrypted(transmitted)
        if encrypted, let cipher {
            if let decrypted = try? HJ212CPEncryption.decrypt(segment: segmentText, cipher: cipher) {
                plain = decrypted
                description.fields[description.fields.count - 1].note =
                    "transmitted \(transmitted.count) characters, plaintext \(plain.utf8.count)"
            }
        }
        if encrypted, cipher == nil {
            // The CRC covers the plaintext (HJ 212-2025 §6.4): without the key it cannot be checked.
            description.fields.append(.init("CRC", crcText, note: "over the plaintext: not checked without the SM4 key"))
            HJ212SegmentDescriber.describe(segmentText, cipher: cipher, into: &description)
            return description
        }
        let computed = HJ212CRC.format(HJ212CRC.compute(plain))
        let crcMatches = HJ212CRC.parse(Array(crcText.utf8)) == HJ212CRC.compute(plain)
        description.fields.append(.init("CRC", crcText, note: crcMatches ? "matches" : "expected \(computed)"))
        HJ212SegmentDescriber.describe(segmentText, cipher: cipher, into: &description)
        return description
    }
}
