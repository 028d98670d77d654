import Glibc
import Wire
@testable import cmmgate_relay

/// Shared fixtures: the example site's identity, frames built with Wire's encoder (the relay's
/// own decoder is what is under test here; the process tests use an independent encoder), a
/// scratch directory, and a toy block cipher standing in for SM4 (the session only routes keys).
enum Fixture {
    static let mn = "010000A8900016F000169DC0"
    static let password = "123456"
    /// 2026-01-15 10:00:00 +08:00.
    static let tenOClock: Int64 = 1_768_442_400

    static func site(_ mn: String = mn, profile: RelayProfile = .hj2017, cipher: (any BlockCipher128)? = nil)
        -> SiteDirectory.Entry {
        SiteDirectory.Entry(mn: mn, name: "test site", password: password, profile: profile, cipher: cipher,
                            utcOffsetMinutes: 480, minuteIntervalMinutes: 1)
    }

    /// A data segment text.
    static func segment(cn: Int, cp: String, qn: String = "20260115100000001", flag: Int = 5, mn: String = mn,
                        pw: String = password, st: String = "31", extra: String = "") -> String {
        "QN=\(qn);ST=\(st);CN=\(cn);PW=\(pw);MN=\(mn);Flag=\(flag);\(extra)CP=&&\(cp)&&"
    }

    static func frame(_ segment: String, cipher: (any BlockCipher128)? = nil) -> [UInt8] {
        (try? HJ212Frame.encode(segment: segment, cipher: cipher)) ?? []
    }

    /// `DataTime=…;f1-Rtd=…,f1-Flag=N;…`.
    static func realtimeCP(_ dataTime: String, _ values: [(String, Double?, String)]) -> String {
        var items = ["DataTime=\(dataTime)"]
        for (factor, value, flag) in values {
            items.append((value.map { "\(factor)-Rtd=\($0)," } ?? "") + "\(factor)-Flag=\(flag)")
        }
        return items.joined(separator: ";")
    }

    /// A fresh directory under /tmp.
    static func scratchDirectory() -> String {
        var template = Array("/tmp/relay-tests-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The packets in `bytes`, parsed.
    static func packets(_ bytes: [UInt8]) -> [HJ212DataSegment] {
        var buffer = InputBuffer(bytes)
        var decoder = HJ212FrameDecoder()
        return decoder.decodeAvailable(&buffer).compactMap {
            if case .frame(let frame) = $0 { return try? frame.dataSegment() }
            return nil
        }
    }
}

/// XOR with a byte: a stand-in block cipher, enough to prove the session picks each site's key.
struct XORCipher: BlockCipher128 {
    var key: UInt8
    func encrypt(_ blocks: [UInt8]) throws(WireError) -> [UInt8] { blocks.map { $0 ^ key } }
    func decrypt(_ blocks: [UInt8]) throws(WireError) -> [UInt8] { blocks.map { $0 ^ key } }
}

extension RelayAction {
    var upload: RelayUpload? { if case .store(let upload, _) = self { return upload } else { return nil } }
    var ack: [UInt8]? { if case .store(_, let ack) = self { return ack } else { return nil } }
    var rejected: RelayReject? { if case .reject(let reject) = self { return reject } else { return nil } }
    var sentRequest: RelayRequestBuilder.Sent? { if case .request(let sent) = self { return sent } else { return nil } }
    var sentBytes: [UInt8]? { if case .send(let bytes) = self { return bytes } else { return nil } }
}

extension Fixture {
    /// The text of a file of the repository (`Board/example-site.conf`), read with libc.
    static func repositoryFile(_ relative: String, from file: String = #filePath) -> String {
        var root = file
        for _ in 0..<3 { root = String(root[..<(root.lastIndex(of: "/") ?? root.endIndex)]) }
        guard let handle = fopen(root + "/" + relative, "rb") else { return "" }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, handle)
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
