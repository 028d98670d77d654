import Foundation
import Testing
import Wire
@testable import DeviceIO

/// Golden vectors in ../shared/vectors (this target cannot see WireTests' loader).
enum SM4VectorFile {
    static func rows(_ name: String) throws -> [[String: String]] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }   // …/Tests/DeviceIOTests/file → parent of project
        let path = url.appendingPathComponent("shared/vectors/\(name)").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (index, name) in header.enumerated() { row[name] = index < cells.count ? cells[index] : "" }
            return row
        }
    }
}

@Suite("SM4 over libcrypto")
struct SM4VectorTests {
    @Test("GB/T 32907 vectors in sm4.tsv, both directions")
    func vectors() throws {
        let rows = try SM4VectorFile.rows("sm4.tsv")
        #expect(!rows.isEmpty)
        for row in rows {
            let cipher = try LibcryptoSM4(key: try Hex.parse(row["key"] ?? ""))
            let plain = try Hex.parse(row["plaintext"] ?? ""), expected = try Hex.parse(row["ciphertext"] ?? "")
            #expect(try cipher.encrypt(plain) == expected, "\(row["source"] ?? "")")
            #expect(try cipher.decrypt(expected) == plain)
        }
    }

    @Test("wrong key size is an invalid argument; partial blocks are refused with a WireError")
    func arguments() throws {
        #expect { try LibcryptoSM4(key: [UInt8](repeating: 0, count: 15)) } throws: {
            ($0 as? DeviceIOError)?.code == .invalidArgument
        }
        let cipher = try LibcryptoSM4(key: [UInt8](repeating: 0x30, count: 16))
        #expect(throws: WireError.self) { try cipher.encrypt([1, 2, 3]) }
        #expect(try cipher.encrypt([]) == [])
    }
}
