/// The shape of a block device: the unit of programming, the unit of erasing, and how many
/// erase blocks there are. Byte offsets given to a `BlockDevice` are absolute.
public struct BlockDeviceGeometry: Equatable, Sendable, CustomStringConvertible {
    /// Smallest unit that can be programmed; program offsets and lengths are multiples of it.
    public var programSize: Int
    /// Size of an erase block; a multiple of `programSize`.
    public var eraseSize: Int
    /// Number of erase blocks.
    public var blockCount: Int
    /// The value every byte of an erased block reads as (0xFF on NOR flash, 0x00 for a file
    /// whose erase is a zero-range).
    public var erasedByte: UInt8

    public init(programSize: Int, eraseSize: Int, blockCount: Int, erasedByte: UInt8 = 0xFF) {
        self.programSize = programSize
        self.eraseSize = eraseSize
        self.blockCount = blockCount
        self.erasedByte = erasedByte
    }

    /// Total size in bytes.
    public var totalSize: Int { eraseSize * blockCount }

    /// Whether the numbers describe a usable device.
    public var isValid: Bool {
        programSize > 0 && eraseSize >= programSize && eraseSize % programSize == 0 && blockCount > 0
    }

    public var description: String {
        "program \(programSize) B, erase \(eraseSize) B × \(blockCount) blocks"
    }
}

/// The journal's port to storage, with flash semantics (LittleFS's block device shape):
/// a block must be erased before any of its bytes are programmed again, programs are
/// aligned to `programSize`, and nothing is durable until `sync` returns.
///
/// Implementations: `FileBlockDevice` (DeviceIO, a preallocated file), `EmulatedFlash`
/// (AgentTesting, NOR semantics with power-cut faults). Errors are the device's own;
/// the journal wraps them in `JournalError.device` with what it was doing.
public protocol BlockDevice: AnyObject {
    /// The device's geometry; constant for the life of the object.
    var geometry: BlockDeviceGeometry { get }

    /// Reads `buffer.count` bytes at byte `offset`. Any alignment is allowed.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws

    /// Programs `bytes` at `offset`; both are multiples of `programSize`, the range lies within
    /// one erase block, and every byte of it is erased.
    func program(at offset: Int, _ bytes: UnsafeRawBufferPointer) throws

    /// Erases erase block `block` (every byte becomes `geometry.erasedByte`).
    func erase(block: Int) throws

    /// Returns when every program and erase issued before it is durable. Until then, a power
    /// cut may lose any subset of them, in any order, and may tear one of them.
    func sync() throws
}

extension BlockDevice {
    /// Reads `count` bytes at `offset` into a new array.
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try read(at: offset, into: $0) }
        return bytes
    }

    /// Programs `bytes` at `offset` (see `program(at:_:)`).
    public func program(at offset: Int, bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try program(at: offset, $0) }
    }
}
