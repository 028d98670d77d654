/// Appends fixed-width little-endian fields to a byte array: the writing half of the Metering
/// payload codecs (docs/metering.md). Every multi-byte integer is written least significant byte
/// first; a `Double` is written as its IEEE 754 binary64 bit pattern, little-endian.
///
/// Reserve the expected size up front (`init(capacity:)`) so a payload is built with one
/// allocation. The reading half is `ByteReader`.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// An empty writer whose buffer can hold `capacity` bytes without growing.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written so far (the offset the next field lands at).
    public var count: Int { bytes.count }

    /// Appends one byte.
    public mutating func write(_ value: UInt8) {
        bytes.append(value)
    }

    /// Appends a fixed-width integer, little-endian (`UInt16`, `UInt32`, `Int64`, …).
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        var remaining = value.littleEndian
        withUnsafeBytes(of: &remaining) { bytes.append(contentsOf: $0) }
    }

    /// Appends a `Double` as its binary64 bit pattern, little-endian (8 bytes).
    public mutating func write(_ value: Double) {
        write(value.bitPattern)
    }

    /// Appends raw bytes as they are.
    public mutating func write(contentsOf other: some Sequence<UInt8>) {
        bytes.append(contentsOf: other)
    }
}
