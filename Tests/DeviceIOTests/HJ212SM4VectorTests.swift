import Testing
import Wire
@testable import DeviceIO

/// HJ 212-2025 App. A.2 vectors (hj212-2025-sm4.tsv) with the real SM4.
@Suite("HJ212-2025 SM4 transform with libcrypto")
struct HJ212SM4VectorTests {
    @Test("plaintext segment → segment as transmitted, exactly; and back; CRC over the plaintext")
    func bothDirections() throws {
        let rows = try SM4VectorFile.rows("hj212-2025-sm4.tsv")
        #expect(rows.count == 2)
        for row in rows {
            let cipher = try LibcryptoSM4(key: try Hex.parse(row["sm4_key_hex"] ?? ""))
            let plain = row["plaintext_segment"] ?? "", sent = row["segment_as_transmitted"] ?? ""
            #expect(try HJ212CPEncryption.encrypt(segment: plain, cipher: cipher) == sent)
            #expect(try HJ212CPEncryption.decrypt(segment: sent, cipher: cipher) == plain)
            #expect(HJ212CRC.format(HJ212CRC.compute(plain)) == row["crc_over_plaintext"])
        }
    }

    @Test("whole packets: encoded with the plaintext length as the standard shows, decoded by the stream decoder")
    func packets() throws {
        for row in try SM4VectorFile.rows("hj212-2025-sm4.tsv") {
            let cipher = try LibcryptoSM4(key: try Hex.parse(row["sm4_key_hex"] ?? ""))
            let plain = row["plaintext_segment"] ?? "", sent = row["segment_as_transmitted"] ?? ""
            let bytes = try HJ212Frame.encode(segment: plain, cipher: cipher)
            let length = String(plain.utf8.count)
            let expected = "##" + String(repeating: "0", count: 4 - length.count) + length + sent
                + (row["crc_over_plaintext"] ?? "") + "\r\n"
            #expect(bytes == Array(expected.utf8))
            var decoder = HJ212FrameDecoder(cipher: cipher)
            var buffer = InputBuffer(bytes + bytes)
            let steps = decoder.decodeAvailable(&buffer)
            #expect(steps.count == 2)
            for step in steps {
                guard case .frame(let frame) = step else { Issue.record("not a frame: \(step)"); continue }
                #expect(frame.segment == plain && frame.transmittedSegment == sent)
                let segment = try frame.dataSegment(mode: .strict)
                #expect(segment.header.flag?.version == .hj212_2025)
                #expect(segment.cp.dataTime?.text14 == "20240520210600")
            }
            let described = HJ212FrameDescriber.describe(expected, cipher: cipher)
            #expect(described?.isValid == true, "\(described?.problems ?? [])")
        }
    }
}
