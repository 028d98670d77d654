/// Which edition of the protocol a packet follows, from the version bits of `Flag`.
public enum HJ212ProtocolVersion: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// HJ/T 212-2005 (version bits 000000).
    case hj212_2005
    /// HJ 212-2017 (version bits 000001: Flag 4–7).
    case hj212_2017
    /// HJ 212-2025 (version bits 000010: Flag 8–11).
    case hj212_2025
    /// Version bits this implementation does not know.
    case unknown(UInt8)

    /// The value of the six version bits V5..V0.
    public var versionBits: UInt8 {
        switch self {
        case .hj212_2005: return 0
        case .hj212_2017: return 1
        case .hj212_2025: return 2
        case .unknown(let bits): return bits & 0x3F
        }
    }

    public init(versionBits: UInt8) {
        switch versionBits & 0x3F {
        case 0: self = .hj212_2005
        case 1: self = .hj212_2017
        case 2: self = .hj212_2025
        default: self = .unknown(versionBits & 0x3F)
        }
    }

    public var description: String {
        switch self {
        case .hj212_2005: return "HJ/T 212-2005"
        case .hj212_2017: return "HJ 212-2017"
        case .hj212_2025: return "HJ 212-2025"
        case .unknown(let bits): return "unknown version \(bits)"
        }
    }
}

/// The `Flag` header field (HJ 212-2017 §6.3.2, Table 3): one byte, bits `V5 V4 V3 V2 V1 V0 D A`.
///
/// - `A` (bit 0): the receiver must acknowledge (CN 9014 for uploads).
/// - `D` (bit 1): the packet is one part of a split message and carries `PNUM`/`PNO`.
/// - `V5..V0` (bits 2–7): protocol version; 1 = HJ 212-2017 (Flag 4–7),
///   2 = HJ 212-2025 (Flag 8–11), 0 = HJ/T 212-2005.
public struct HJ212Flag: RawRepresentable, Sendable, Equatable, Hashable {
    public var rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public init(version: HJ212ProtocolVersion, ackRequired: Bool, split: Bool) {
        rawValue = version.versionBits << 2 | (split ? 2 : 0) | (ackRequired ? 1 : 0)
    }

    /// Bit A: a reply is required.
    public var ackRequired: Bool {
        get { rawValue & 1 != 0 }
        set { rawValue = newValue ? rawValue | 1 : rawValue & ~1 }
    }

    /// Bit D: the packet is split and carries PNUM/PNO.
    public var split: Bool {
        get { rawValue & 2 != 0 }
        set { rawValue = newValue ? rawValue | 2 : rawValue & ~2 }
    }

    public var version: HJ212ProtocolVersion { HJ212ProtocolVersion(versionBits: rawValue >> 2) }

    /// "HJ 212-2017, ack required, not split".
    public var meaning: String {
        "\(version), \(ackRequired ? "ack required" : "no ack"), \(split ? "split (PNUM/PNO)" : "not split")"
    }
}
