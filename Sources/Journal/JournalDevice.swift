/// The journal's typed view of its `BlockDevice`: segment-relative addressing, program padding,
/// and every device error wrapped as `JournalError.device` naming the operation and the block.
struct JournalDevice<Device: BlockDevice> {
    let device: Device
    let geometry: BlockDeviceGeometry

    init(_ device: Device) {
        self.device = device
        self.geometry = device.geometry
    }

    var segmentSize: Int { geometry.eraseSize }

    /// Reads `count` bytes at `offset` within segment `block`.
    func read(block: Int, offset: Int = 0, count: Int) throws(JournalError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        do {
            try bytes.withUnsafeMutableBytes { try device.read(at: block * segmentSize + offset, into: $0) }
        } catch {
            throw JournalError.device("reading \(count) B at offset \(offset) of segment \(block)", error)
        }
        return bytes
    }

    /// Programs `bytes` at `offset` (a program-size multiple) of segment `block`, padded with
    /// erased bytes to a whole number of program units (padding leaves those bytes erased on NOR).
    /// Returns the padded length.
    @discardableResult
    func program(block: Int, offset: Int, _ bytes: [UInt8]) throws(JournalError) -> Int {
        let unit = geometry.programSize
        let padded = (bytes.count + unit - 1) / unit * unit
        var image = bytes
        image.append(contentsOf: repeatElement(geometry.erasedByte, count: padded - bytes.count))
        do {
            try device.program(at: block * segmentSize + offset, bytes: image)
        } catch {
            throw JournalError.device("programming \(padded) B at offset \(offset) of segment \(block)", error)
        }
        return padded
    }

    func erase(block: Int) throws(JournalError) {
        do {
            try device.erase(block: block)
        } catch {
            throw JournalError.device("erasing segment \(block)", error)
        }
    }

    func sync() throws(JournalError) {
        do {
            try device.sync()
        } catch {
            throw JournalError.device("syncing", error)
        }
    }

    /// Whether every byte of segment `block` from `offset` on reads as erased.
    func isErased(block: Int, from offset: Int = 0) throws(JournalError) -> Bool {
        guard offset < segmentSize else { return true }
        let bytes = try read(block: block, offset: offset, count: segmentSize - offset)
        let erased = geometry.erasedByte
        return bytes.allSatisfy { $0 == erased }
    }
}
