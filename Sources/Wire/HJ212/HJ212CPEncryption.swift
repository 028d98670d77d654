/// The HJ 212-2025 SM4 transform of the CP data area (§6.4, App. A.2).
///
/// - Range: the characters between `CP=&&` and the closing `&&`.
/// - Whole 16-byte blocks are encrypted with SM4-ECB, no padding; a tail shorter than 16
///   bytes stays plaintext. When the area is shorter than one block nothing is encrypted and
///   no braces are written (an assumption: the standard's examples all have ≥ 1 block).
/// - The ciphertext is written as text `{0xE4,0x3E,…}` (upper-case hex), followed by the tail.
/// - The CRC is computed over the **plaintext** segment (App. A.2 keeps CRC 2200 / B541).
/// - Which CNs must be encrypted: `mustEncrypt`.
public enum HJ212CPEncryption {
    /// Commands whose CP must be encrypted when encryption is on: all 2000–2999 (data),
    /// 1014 (key update) and 3020 (site information).
    public static func mustEncrypt(_ command: HJ212CommandCode) -> Bool {
        (2000...2999).contains(command.rawValue) || command.rawValue == 1014 || command.rawValue == 3020
    }

    /// True when the CP area of `segment` starts with `{` (ciphertext notation).
    public static func isEncrypted(_ segment: String) -> Bool {
        isEncrypted(Array(segment.utf8))
    }

    static func isEncrypted(_ bytes: [UInt8]) -> Bool {
        guard let start = HJ212DataSegment.firstOffset(of: cpMarker, in: bytes) else { return false }
        var index = start + cpMarker.count
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index < bytes.count && bytes[index] == UInt8(ascii: "{")
    }

    /// The segment as transmitted: the plaintext `segment` with its CP area's whole blocks
    /// replaced by `{0x..,…}`.
    public static func encrypt(segment: String, cipher: any BlockCipher128) throws(WireError) -> String {
        let bytes = Array(segment.utf8)
        let (start, end) = try HJ212DataSegment.locateCP(bytes)
        let areaStart = start + cpMarker.count
        let area = Array(bytes[areaStart..<end])
        let whole = area.count / 16 * 16
        guard whole > 0 else { return segment }
        let ciphertext = try cipher.encrypt(Array(area[..<whole]))
        guard ciphertext.count == whole else {
            throw WireError(.badValue, "cipher returned \(ciphertext.count) bytes for \(whole)")
        }
        var out = Array(bytes[..<areaStart])
        out.append(UInt8(ascii: "{"))
        for (index, byte) in ciphertext.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array("0x\(Hex.byte2(byte))".utf8))
        }
        out.append(UInt8(ascii: "}"))
        out.append(contentsOf: area[whole...])
        out.append(contentsOf: bytes[end...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The plaintext segment of a transmitted one. A segment whose CP is not in `{0x..}` form
    /// is returned unchanged. Errors give the character offset in `segment`.
    public static func decrypt(segment: String, cipher: any BlockCipher128) throws(WireError) -> String {
        let bytes = Array(segment.utf8)
        guard isEncrypted(bytes) else { return segment }
        let (start, end) = try HJ212DataSegment.locateCP(bytes)
        var open = start + cpMarker.count
        while bytes[open] == 0x20 { open += 1 }
        guard let close = bytes[open..<end].firstIndex(of: UInt8(ascii: "}")) else {
            throw WireError(.malformed, "encrypted CP area has no closing '}'", offset: open)
        }
        let ciphertext = try parseCiphertext(bytes[(open + 1)..<close])
        let plain = try cipher.decrypt(ciphertext)
        guard plain.count == ciphertext.count else {
            throw WireError(.badValue, "cipher returned \(plain.count) bytes for \(ciphertext.count)")
        }
        var out = Array(bytes[..<(start + cpMarker.count)])
        out.append(contentsOf: plain)
        out.append(contentsOf: bytes[(close + 1)...])
        guard let text = String(validating: out, as: UTF8.self) else {
            throw WireError(.badValue, "decrypted CP area is not UTF-8 text (wrong SM4 key?)", offset: open)
        }
        if plain.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw WireError(.badValue, "decrypted CP area contains control characters (wrong SM4 key?)", offset: open)
        }
        return text
    }

    /// `0xE4,0x3E,…` (either case, optional spaces) → bytes; the count must be a non-zero
    /// multiple of 16.
    static func parseCiphertext(_ text: ArraySlice<UInt8>) throws(WireError) -> [UInt8] {
        var bytes: [UInt8] = []
        for (offset, token) in CPDataArea.split(text, on: 0x2C) {
            var t = token
            while t.first == 0x20 { t.removeFirst() }
            while t.last == 0x20 { t.removeLast() }
            let at = text.startIndex + offset
            guard t.count == 4, t.first == 0x30, t[t.startIndex + 1] | 0x20 == UInt8(ascii: "x"),
                  let high = Hex.nibbleValue(t[t.startIndex + 2]), let low = Hex.nibbleValue(t[t.startIndex + 3]) else {
                throw WireError(.malformed, "ciphertext byte '\(CPDataArea.text(token))' is not 0xHH", offset: at)
            }
            bytes.append(high << 4 | low)
        }
        guard !bytes.isEmpty, bytes.count % 16 == 0 else {
            throw WireError(.malformed, "ciphertext has \(bytes.count) bytes, not a non-zero multiple of 16",
                            offset: text.startIndex)
        }
        return bytes
    }

    static let cpMarker = Array("CP=&&".utf8)
}
