@testable import Wire

/// Fixtures shared by the HJ 212 tests.
enum HJ212Fixture {
    /// HJ 212-2017 Appendix A complete frame (domain.md §2.7).
    static let appendixASegment =
        "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
    static let appendixAFrame = "##0101" + appendixASegment + "1C80\r\n"

    static func frameBytes(_ segment: String, crc: String? = nil, terminator: String = "\r\n") -> [UInt8] {
        let length = String(segment.utf8.count)
        let padded = String(repeating: "0", count: max(0, 4 - length.count)) + length
        return Array(("##" + padded + segment + (crc ?? HJ212CRC.format(HJ212CRC.compute(segment))) + terminator).utf8)
    }
}

/// A toy 128-bit block cipher for structural tests in the pure module (the real SM4 is tested
/// in DeviceIOTests): XOR with a key and reversal of each block — invertible, and it changes
/// every byte so a missed decryption shows.
struct ToyBlockCipher: BlockCipher128 {
    var key: UInt8 = 0x5A

    func encrypt(_ blocks: [UInt8]) throws(WireError) -> [UInt8] { try transform(blocks) }
    func decrypt(_ blocks: [UInt8]) throws(WireError) -> [UInt8] { try transform(blocks) }

    private func transform(_ blocks: [UInt8]) throws(WireError) -> [UInt8] {
        guard blocks.count % 16 == 0 else { throw WireError(.badValue, "not whole blocks") }
        var out: [UInt8] = []
        var index = 0
        while index < blocks.count {
            out.append(contentsOf: blocks[index..<index + 16].reversed().map { $0 ^ key })
            index += 16
        }
        return out
    }
}
