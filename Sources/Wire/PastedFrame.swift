/// Recognises a frame pasted by an integrator (binary protocols as hex, HJ 212 as text)
/// and describes it with the matching protocol's describer.
///
/// Order of trial for hex input: DL/T 645 (a 68 … 68 structure), Modbus TCP (an MBAP
/// header whose length matches), then Modbus RTU (anything else of four bytes or more).
/// The first description without problems wins; when none is valid, the first protocol
/// whose structure matched is shown with its problems, so a frame with a bad checksum is
/// still explained field by field.
public enum PastedFrame {
    /// Describes one pasted line; nil for a blank line.
    public static func describe(_ line: String, cipher: (any BlockCipher128)?) -> FrameDescription? {
        let text = trimmed(line)
        guard !text.isEmpty else { return nil }
        if looksLikeHJ212(text) {
            // A pasted line has lost its CR LF (the terminal or the line reader ate it):
            // restore it rather than warn about every frame pasted.
            let framed = text.hasPrefix("##") && !text.hasSuffix("\\r\\n") ? text + "\r\n" : text
            return HJ212FrameDescriber.describe(framed, cipher: cipher)
                ?? unrecognised("text that is not an HJ 212 frame")
        }
        let bytes: [UInt8]
        do {
            bytes = try Hex.parse(text)
        } catch {
            return unrecognised("neither HJ 212 text nor hex bytes (\(error))")
        }
        let candidates = [
            DLT645FrameDescriber.describe(bytes),
            ModbusFrameDescriber.describeTCP(bytes),
            ModbusFrameDescriber.describeRTU(bytes),
        ].compactMap { $0 }
        return candidates.first(where: \.isValid) ?? candidates.first
            ?? unrecognised("\(bytes.count) bytes that match no supported protocol")
    }

    static func looksLikeHJ212(_ text: String) -> Bool {
        text.hasPrefix("##") || text.hasPrefix("QN=") || text.hasPrefix("ST=")
            || containsCPMarker(Array(text.utf8))
    }

    /// Whether `bytes` contain `CP=&&` (a byte search: String's substring search lives in
    /// _StringProcessing, which would link the regex engine into the agent, about 1 MB).
    static func containsCPMarker(_ bytes: [UInt8]) -> Bool {
        let marker = Array("CP=&&".utf8)
        guard bytes.count >= marker.count else { return false }
        for start in 0...(bytes.count - marker.count) where bytes[start..<start + marker.count].elementsEqual(marker) {
            return true
        }
        return false
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    static func unrecognised(_ reason: String) -> FrameDescription {
        FrameDescription(protocolName: "unknown", summary: "unrecognised frame", problems: [reason])
    }
}
