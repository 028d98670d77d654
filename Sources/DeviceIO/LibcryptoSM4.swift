import CCryptoShim
import Wire

/// SM4 (GB/T 32907-2016) in ECB mode without padding, computed by libcrypto (OpenSSL 3) —
/// the block cipher of the HJ 212-2025 CP encryption (§6.4).
public struct LibcryptoSM4: BlockCipher128 {
    private let key: [UInt8]

    /// `key` must be exactly 16 bytes (HJ 212-2025 §6.4; the test key of App. A.2 is 16 × 0x30).
    public init(key: [UInt8]) throws(DeviceIOError) {
        guard key.count == 16 else {
            throw DeviceIOError(.invalidArgument, "SM4 key must be 16 bytes, got \(key.count)")
        }
        self.key = key
    }

    public func encrypt(_ blocks: [UInt8]) throws(WireError) -> [UInt8] {
        try run(blocks, encrypt: true)
    }

    public func decrypt(_ blocks: [UInt8]) throws(WireError) -> [UInt8] {
        try run(blocks, encrypt: false)
    }

    private func run(_ input: [UInt8], encrypt: Bool) throws(WireError) -> [UInt8] {
        guard input.count % 16 == 0 else {
            throw WireError(.badValue, "SM4-ECB input of \(input.count) bytes is not a multiple of 16")
        }
        if input.isEmpty { return [] }
        var output = [UInt8](repeating: 0, count: input.count)
        let ok = key.withUnsafeBufferPointer { keyBuffer in
            input.withUnsafeBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    cmmgate_sm4_ecb(keyBuffer.baseAddress, encrypt ? 1 : 0, inBuffer.baseAddress,
                                    outBuffer.baseAddress, input.count)
                }
            }
        }
        guard ok == 1 else {
            throw WireError(.unsupported, "libcrypto SM4-ECB \(encrypt ? "encryption" : "decryption") failed: \(Self.lastError())")
        }
        return output
    }

    /// The text of libcrypto's most recent error, or a placeholder when it left none.
    static func lastError() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        buffer.withUnsafeMutableBufferPointer { cmmgate_crypto_last_error($0.baseAddress, $0.count) }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return bytes.isEmpty ? "no libcrypto error text" : String(decoding: bytes, as: UTF8.self)
    }
}
