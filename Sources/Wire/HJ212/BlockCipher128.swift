/// A 128-bit block cipher in ECB mode without padding, as HJ 212-2025 §6.4 uses SM4.
///
/// `Wire` only needs the block transform; the implementation lives outside the pure module
/// (`DeviceIO.LibcryptoSM4` over libcrypto). Inputs are a multiple of 16 bytes; an
/// implementation throws `WireError(.badValue, …)` otherwise.
public protocol BlockCipher128: Sendable {
    func encrypt(_ blocks: [UInt8]) throws(WireError) -> [UInt8]
    func decrypt(_ blocks: [UInt8]) throws(WireError) -> [UInt8]
}

/// What the 4-digit length field counts when the CP area is SM4-encrypted (HJ 212-2025 §6.4).
///
/// The standard's own example (App. A.2) writes `0295`, the plaintext segment length, although
/// 1128 characters are transmitted; the text of the clause was not available to settle it
/// (domain.md §3: "ambiguous, flag to the platform owner"). Encoders use the configured value;
/// decoders accept either and report a `.lengthConvention` leniency when the other one matched.
public enum HJ212LengthConvention: Sendable, Equatable {
    /// The length of the plaintext segment, as the App. A.2 example shows (default).
    case plaintextLength
    /// The number of characters actually sent.
    case transmittedLength
}
