/// One HJ 212 packet (HJ 212-2017 §6.3.1, Table 2; unchanged in HJ 212-2025):
/// `##` + 4-digit decimal length + data segment + CRC (4 hex) + CR LF.
///
/// The length counts the UTF-8 bytes of the data segment (0…1024); the CRC (`HJ212CRC`)
/// covers the data segment only. With HJ 212-2025 SM4 encryption (§6.4) the segment is sent
/// with its CP area in `{0x..}` form while the CRC is over the plaintext segment; `segment`
/// is always the plaintext and `transmittedSegment` keeps what was on the wire.
public struct HJ212Frame: Sendable, Equatable {
    /// The largest data segment the standard allows.
    public static let maxSegmentLength = 1024

    /// The plaintext data segment (decrypted when the CP area was sent encrypted).
    public var segment: String
    /// The segment as transmitted, when it differs from `segment` (encrypted CP); else nil.
    public var transmittedSegment: String?
    /// The value of the 4-digit length field.
    public var lengthField: Int
    /// The CRC received (it matched the one computed over `segment`).
    public var crc: UInt16
    /// Deviations accepted while reading the envelope (lower-case CRC, missing CR LF, …).
    public var warnings: [HJ212Leniency]

    public init(segment: String, transmittedSegment: String? = nil, lengthField: Int, crc: UInt16,
                warnings: [HJ212Leniency] = []) {
        self.segment = segment
        self.transmittedSegment = transmittedSegment
        self.lengthField = lengthField
        self.crc = crc
        self.warnings = warnings
    }

    /// Parses the data segment; the frame's envelope warnings come first in the result's warnings.
    public func dataSegment(mode: HJ212ParseMode = .lenient) throws(WireError) -> HJ212DataSegment {
        var parsed = try HJ212DataSegment.parse(segment, mode: mode)
        parsed.warnings = warnings + parsed.warnings
        return parsed
    }

    // MARK: encoding

    /// The bytes of a packet carrying `segment` (strict: upper-case CRC, CR LF). With a
    /// `cipher`, the CP area is SM4-transformed (§6.4) and the length field follows `lengthConvention`.
    public static func encode(segment: String, cipher: (any BlockCipher128)? = nil,
                              lengthConvention: HJ212LengthConvention = .plaintextLength) throws(WireError) -> [UInt8] {
        let plainLength = segment.utf8.count
        guard plainLength <= maxSegmentLength else {
            throw WireError(.tooLong, "data segment has \(plainLength) characters, more than \(maxSegmentLength); split it")
        }
        let crc = HJ212CRC.compute(segment)
        let transmitted = try cipher.map { c throws(WireError) in try HJ212CPEncryption.encrypt(segment: segment, cipher: c) } ?? segment
        let length = lengthConvention == .plaintextLength ? plainLength : transmitted.utf8.count
        guard length <= 9999 else { throw WireError(.tooLong, "length \(length) does not fit 4 digits") }
        var out = Array("##".utf8)
        out.append(contentsOf: HJ212Timestamp.pad(length, 4).utf8)
        out.append(contentsOf: transmitted.utf8)
        out.append(contentsOf: HJ212CRC.format(crc).utf8)
        out.append(contentsOf: [0x0D, 0x0A])
        return out
    }

    /// The bytes of a packet carrying `segment` in strict form.
    public static func encode(_ segment: HJ212DataSegment, cipher: (any BlockCipher128)? = nil,
                              lengthConvention: HJ212LengthConvention = .plaintextLength) throws(WireError) -> [UInt8] {
        try encode(segment: segment.encoded(), cipher: cipher, lengthConvention: lengthConvention)
    }

    // MARK: the envelope check shared by the stream decoder and the whole-frame parser

    /// Checks length, CRC and (when encrypted) decrypts. `frameOffset` is where `##` is, for offsets.
    static func check(lengthField: Int, transmitted: ArraySlice<UInt8>, crcDigits: ArraySlice<UInt8>,
                      cipher: (any BlockCipher128)?, convention: HJ212LengthConvention,
                      warnings: [HJ212Leniency]) throws(WireError) -> HJ212Frame {
        var warnings = warnings
        let crcOffset = 6 + transmitted.count
        guard let crc = HJ212CRC.parse(crcDigits) else {
            throw WireError(.malformed, "CRC '\(CPDataArea.text(crcDigits))' is not four hex digits", offset: crcOffset)
        }
        if HJ212CRC.hasLowercase(crcDigits) {
            warnings.append(HJ212Leniency(.lowercaseCRC, "CRC written in lower case", offset: crcOffset))
        }
        guard let sent = String(validating: Array(transmitted), as: UTF8.self) else {
            throw WireError(.malformed, "the data segment is not valid UTF-8", offset: 6)
        }
        var plain = sent
        if HJ212CPEncryption.isEncrypted(Array(transmitted)) {
            guard let cipher else {
                throw WireError(.unsupported, "the CP area is SM4-encrypted and no key is configured; the CRC cannot be checked", offset: 6)
            }
            do { plain = try HJ212CPEncryption.decrypt(segment: sent, cipher: cipher) } catch {
                throw WireError(error.code, "cannot decrypt the CP area: \(error.message)", offset: error.offset.map { $0 + 6 })
            }
        }
        try checkLength(lengthField, plain: plain.utf8.count, sent: transmitted.count, encrypted: plain != sent,
                        convention: convention, warnings: &warnings)
        let computed = HJ212CRC.compute(plain)
        guard computed == crc else {
            throw WireError(.badChecksum, "CRC mismatch: received \(HJ212CRC.format(crc)), expected \(HJ212CRC.format(computed)) over the \(plain.utf8.count)-character data segment",
                            offset: crcOffset)
        }
        return HJ212Frame(segment: plain, transmittedSegment: plain == sent ? nil : sent, lengthField: lengthField,
                          crc: crc, warnings: warnings)
    }

    private static func checkLength(_ field: Int, plain: Int, sent: Int, encrypted: Bool,
                                    convention: HJ212LengthConvention, warnings: inout [HJ212Leniency]) throws(WireError) {
        guard plain <= maxSegmentLength else {
            throw WireError(.tooLong, "data segment has \(plain) characters, more than \(maxSegmentLength)", offset: 6)
        }
        guard encrypted else {
            guard field == sent else {
                throw WireError(.malformed, "length field says \(HJ212Timestamp.pad(field, 4)) but the data segment has \(sent) characters",
                                offset: 2)
            }
            return
        }
        let (expected, other) = convention == .plaintextLength ? (plain, sent) : (sent, plain)
        if field == expected { return }
        if field == other {
            warnings.append(HJ212Leniency(.lengthConvention,
                "length field \(field) counts the \(convention == .plaintextLength ? "transmitted" : "plaintext") segment, not the configured convention",
                offset: 2))
            return
        }
        throw WireError(.malformed, "length field says \(HJ212Timestamp.pad(field, 4)) but the plaintext segment has \(plain) and the transmitted one \(sent) characters",
                        offset: 2)
    }
}
