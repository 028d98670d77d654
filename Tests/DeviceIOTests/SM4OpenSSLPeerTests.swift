import Foundation
import Testing
import Wire
@testable import DeviceIO

/// The OpenSSL command-line tool as an independent peer: the same key and data through
/// `openssl enc -sm4-ecb -nopad` must give the same bytes as LibcryptoSM4.
@Suite("SM4 against the openssl CLI")
struct SM4OpenSSLPeerTests {
    static func openssl(_ arguments: [String], input: [UInt8]) throws -> [UInt8]? {
        let candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Array(output)
    }

    @Test("seeded random keys and data agree with openssl enc -sm4-ecb -nopad, both directions")
    func randomAgreement() throws {
        var state: UInt64 = 0x5A4_2025   // seed; SplitMix64 as in WireTests' SeededRandom
        func next() -> UInt8 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        }
        var checked = 0
        for round in 0..<12 {
            let key = (0..<16).map { _ in next() }
            let data = (0..<(16 * (1 + round % 5))).map { _ in next() }
            let keyHex = Hex.format(key, separator: "")
            guard let peer = try Self.openssl(["enc", "-sm4-ecb", "-K", keyHex, "-nopad"], input: data) else {
                Issue.record("openssl enc -sm4-ecb unavailable or failed (round \(round), seed 0x5A42025)")
                return
            }
            let cipher = try LibcryptoSM4(key: key)
            let ours = try cipher.encrypt(data)
            #expect(ours == peer, "round \(round), key \(keyHex), seed 0x5A42025")
            let back = try Self.openssl(["enc", "-d", "-sm4-ecb", "-K", keyHex, "-nopad"], input: ours)
            #expect(back == data, "round \(round)")
            #expect(try cipher.decrypt(peer) == data)
            checked += 1
        }
        #expect(checked == 12)
    }
}
