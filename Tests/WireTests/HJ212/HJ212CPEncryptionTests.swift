import Testing
@testable import Wire

@Suite("HJ212-2025 CP encryption transform (structure; SM4 itself in DeviceIOTests)")
struct HJ212CPEncryptionTests {
    @Test("the 2025 vectors: ciphertext covers whole blocks, the short tail stays plain, CRC over plaintext")
    func vectorStructure() throws {
        for row in try VectorFile.rows("hj212-2025-sm4.tsv") {
            let plain = row["plaintext_segment"] ?? "", sent = row["segment_as_transmitted"] ?? ""
            #expect(HJ212CRC.format(HJ212CRC.compute(plain)) == row["crc_over_plaintext"])
            #expect(HJ212CPEncryption.isEncrypted(sent) && !HJ212CPEncryption.isEncrypted(plain))
            let area = plain.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).dropFirst().first.map(Array.init) ?? []
            let open = Array(sent.utf8).firstIndex(of: UInt8(ascii: "{")) ?? 0
            let close = Array(sent.utf8).firstIndex(of: UInt8(ascii: "}")) ?? 0
            let cipherBytes = try HJ212CPEncryption.parseCiphertext(Array(sent.utf8)[(open + 1)..<close])
            #expect(cipherBytes.count == area.count / 16 * 16)
            let tail = String(decoding: Array(sent.utf8)[(close + 1)...].dropLast(2), as: UTF8.self)
            #expect(tail == String(decoding: area.suffix(area.count % 16), as: UTF8.self))
            // With an identity-free toy cipher, the same structure is produced and reversed.
            let toy = ToyBlockCipher()
            let transformed = try HJ212CPEncryption.encrypt(segment: plain, cipher: toy)
            #expect(transformed.utf8.count == sent.utf8.count)
            #expect(try HJ212CPEncryption.decrypt(segment: transformed, cipher: toy) == plain)
        }
    }

    @Test("which commands must be encrypted: 2000–2999, 1014, 3020")
    func mustEncrypt() {
        #expect(HJ212CPEncryption.mustEncrypt(.realtimeData))
        #expect(HJ212CPEncryption.mustEncrypt(HJ212CommandCode(2999)))
        #expect(HJ212CPEncryption.mustEncrypt(.keyUpdate))
        #expect(HJ212CPEncryption.mustEncrypt(.siteInformation))
        #expect(!HJ212CPEncryption.mustEncrypt(.heartbeat))
        #expect(!HJ212CPEncryption.mustEncrypt(.setRealtimeInterval))
    }

    @Test("short CP areas stay plain; malformed ciphertext is reported with its offset")
    func edges() throws {
        let short = "QN=20240601085857223;ST=32;CN=2011;PW=123456;MN=1;Flag=8;CP=&&a-Rtd=1&&"
        #expect(try HJ212CPEncryption.encrypt(segment: short, cipher: ToyBlockCipher()) == short)
        let bad = "QN=1;CP=&&{0x01,0xZZ}&&"
        #expect { try HJ212CPEncryption.decrypt(segment: bad, cipher: ToyBlockCipher()) } throws: {
            ($0 as? WireError)?.offset == 16
        }
        #expect(throws: WireError.self) {
            try HJ212CPEncryption.decrypt(segment: "QN=1;CP=&&{0x01}&&", cipher: ToyBlockCipher())
        }
    }
}
