/// Incremental HJ 212 packet decoder over a byte stream (HJ 212-2017 §6.3.1).
///
/// Framing: find `##`, read the 4-digit length `L` (≤ 1024), then delimit the packet by the
/// first CR LF — or the next `##` — after the length field (neither can occur inside a data
/// segment). The 4 characters before it are the CRC; the packet is then checked: the length
/// field against the segment (precise counts on mismatch), the CRC, and decryption of a 2025
/// SM4-encrypted CP. Delimiting rather than trusting `L` finds encrypted packets whose length
/// field counts the plaintext (App. A.2) and lets a corrupted length fail at once instead of
/// waiting for bytes that belong to the next packet. Decisions, documented:
/// - a packet must be terminated by CR LF, or directly followed by the next `##` (accepted
///   with a `.missingTerminator` warning). A packet that is the last input without CR LF
///   stays pending: a stream cannot know it ended (the whole-frame parser accepts it);
/// - the terminator written as the text `\r\n` before CR LF/`##` is accepted with a warning;
/// - a bad length, CRC or terminator is discarded with the reason, resynchronising at the
///   next `#` (never skipping a possible packet start);
/// - an encrypted CP without a configured cipher cannot have its CRC checked: discarded
///   with `.unsupported`.
public struct HJ212FrameDecoder: FrameDecoder, Sendable {
    public typealias Frame = HJ212Frame

    public var cipher: (any BlockCipher128)?
    public var lengthConvention: HJ212LengthConvention

    /// Longest transmitted segment searched for a delimiter: an encrypted 1024-byte segment
    /// writes each ciphertext byte as 5 characters.
    static let maxTransmittedSegment = HJ212Frame.maxSegmentLength * 5 + 2

    public init(cipher: (any BlockCipher128)? = nil, lengthConvention: HJ212LengthConvention = .plaintextLength) {
        self.cipher = cipher
        self.lengthConvention = lengthConvention
    }

    public mutating func decode(_ buffer: inout InputBuffer) -> DecodeStep<HJ212Frame> {
        let available = buffer.readableBytes
        guard available > 0 else { return .needMoreData }
        guard buffer[0] == 0x23 else {
            return discard(&buffer, .garbage, "bytes before '##'", from: 0)
        }
        guard available >= 2 else { return .needMoreData }
        guard buffer[1] == 0x23 else {
            return discard(&buffer, .garbage, "lone '#' not followed by '#'", from: 0)
        }
        var length = 0
        for index in 2..<6 {
            guard index < available else { return .needMoreData }
            guard let digit = HJ212Frame.decimal(buffer[index]) else {
                return discard(&buffer, .malformed, "'##' not followed by 4 decimal length digits", from: index)
            }
            length = length * 10 + digit
        }
        guard length <= HJ212Frame.maxSegmentLength else {
            return discard(&buffer, .tooLong, "length field \(length) exceeds \(HJ212Frame.maxSegmentLength)", from: 2,
                           skip: 6)
        }
        return delimited(&buffer, length: length)
    }

    /// The packet ends at the first CR LF or `##` after the length field: neither can occur
    /// inside a data segment, so a delimiter before `6 + L + 4` proves a bad length at once.
    private mutating func delimited(_ buffer: inout InputBuffer, length: Int) -> DecodeStep<HJ212Frame> {
        let available = buffer.readableBytes
        let cap = 6 + Self.maxTransmittedSegment + 4 + 4 + 2
        let limit = min(available, cap)
        var index = 6
        while index + 1 < limit {
            let c = buffer[index], next = buffer[index + 1]
            if c == 0x0D && next == 0x0A {
                return delimitedAt(&buffer, length: length, end: index, consumed: index + 2, warnings: [])
            }
            if c == 0x23 && next == 0x23 {
                let warning = HJ212Leniency(.missingTerminator, "no CR LF before the next '##'", offset: index)
                return delimitedAt(&buffer, length: length, end: index, consumed: index, warnings: [warning])
            }
            index += 1
        }
        if limit < cap { return .needMoreData }
        return discard(&buffer, .tooLong, "no CR LF or '##' within \(cap) bytes after '##'", from: 2, skip: 6)
    }

    private mutating func delimitedAt(_ buffer: inout InputBuffer, length: Int, end: Int, consumed: Int,
                                      warnings: [HJ212Leniency]) -> DecodeStep<HJ212Frame> {
        var end = end
        var warnings = warnings
        if end >= 10, Array(buffer.peek(offset: end - 4, count: 4)) == Array("\\r\\n".utf8) {
            warnings.append(HJ212Leniency(.literalTerminator, "terminator written as the text '\\r\\n'", offset: end - 4))
            end -= 4
        }
        guard end >= 10 else {
            return discard(&buffer, .truncated, "packet too short for a CRC before its end", from: 2, skip: 6)
        }
        return finish(&buffer, length: length, segmentEnd: end - 4, consumed: consumed, warnings: warnings)
    }

    private mutating func finish(_ buffer: inout InputBuffer, length: Int, segmentEnd: Int, consumed: Int,
                                 warnings: [HJ212Leniency]) -> DecodeStep<HJ212Frame> {
        let segment = buffer.peek(offset: 6, count: segmentEnd - 6)
        let crcDigits = buffer.peek(offset: segmentEnd, count: 4)
        do {
            let frame = try HJ212Frame.check(lengthField: length, transmitted: segment, crcDigits: crcDigits,
                                             cipher: cipher, convention: lengthConvention, warnings: warnings)
            buffer.discard(consumed)
            return .frame(frame)
        } catch {
            return discard(&buffer, error.code, error.message, from: error.offset ?? 0, skip: 6)
        }
    }

    /// Consumes up to (not including) the next `#` at or after `skip` — the least that skips
    /// this candidate without skipping any later packet start. Once `##dddd` was read, no
    /// packet can start before offset 6 (`skip: 6`); otherwise the next one may start at 1.
    private func discard(_ buffer: inout InputBuffer, _ code: WireError.Code, _ message: String,
                         from offset: Int, skip: Int = 1) -> DecodeStep<HJ212Frame> {
        let count = min(buffer.firstOffset(of: 0x23, from: skip) ?? buffer.readableBytes, buffer.readableBytes)
        buffer.discard(count)
        return .discarded(count: count, reason: WireError(code, message, offset: offset))
    }
}
