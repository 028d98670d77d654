import Journal

/// An in-memory NOR flash for tests: erase sets a block to 0xFF, programming needs erased
/// bytes, nothing is durable until `sync`, and a power cut decides (per `FlashFaults`) which
/// unsynced writes land, in which order, and which one tears. Counts wear and traffic.
public final class EmulatedFlash: BlockDevice {
    public let geometry: BlockDeviceGeometry
    public var faults: FlashFaults
    /// What survives a power cut.
    public private(set) var durableImage: [UInt8]
    /// What reads return: every issued write applied (the device's cache).
    public private(set) var image: [UInt8]
    public private(set) var isPoweredOff = false
    /// Erase count per block (wear).
    public private(set) var eraseCounts: [Int]
    /// Operations (program, erase, sync) since creation or the last power-on.
    public private(set) var operationCount = 0
    public private(set) var programmedBytes = 0
    public private(set) var programCount = 0
    public private(set) var syncCount = 0
    /// Every rule the caller broke (programming unerased bytes, misalignment): must stay empty.
    public private(set) var violations: [String] = []
    private var unsynced: [Write] = []
    private var random: SplitMix64

    private enum Write {
        case program(offset: Int, bytes: [UInt8])
        case erase(block: Int)
    }

    /// A blank (erased) flash of `geometry`; `seed` drives the random fault choices.
    public init(geometry: BlockDeviceGeometry, faults: FlashFaults = FlashFaults(), seed: UInt64 = 1) {
        precondition(geometry.isValid && geometry.erasedByte == 0xFF, "EmulatedFlash models NOR: erased byte 0xFF")
        self.geometry = geometry
        self.faults = faults
        durableImage = [UInt8](repeating: 0xFF, count: geometry.totalSize)
        image = durableImage
        eraseCounts = [Int](repeating: 0, count: geometry.blockCount)
        random = SplitMix64(seed: seed)
    }

    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        guard !isPoweredOff else { throw EmulatedFlashError(code: .powerCut, message: "read while powered off") }
        guard offset >= 0, offset + buffer.count <= image.count else {
            throw misuse("read of \(buffer.count) B at \(offset) outside the device")
        }
        image.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + buffer.count])) }
        if let oneIn = faults.readBitFlipOneIn, buffer.count > 0, random.next(upperBound: UInt64(oneIn)) == 0 {
            let bit = Int(random.next(upperBound: UInt64(buffer.count * 8)))
            buffer[bit / 8] ^= UInt8(1) << (bit % 8)
        }
    }

    /// Persistent damage (a cell that changed while the data sat on the flash, a stray write):
    /// XORs `mask` into the byte at `offset`, in what reads return and in what survives a cut.
    /// Not an operation: it does not count, and it breaks no rule of the caller's.
    public func corrupt(at offset: Int, xor mask: UInt8) {
        precondition(offset >= 0 && offset < image.count && mask != 0, "corrupt: offset outside the device or empty mask")
        image[offset] ^= mask
        durableImage[offset] ^= mask
    }

    public func program(at offset: Int, _ bytes: UnsafeRawBufferPointer) throws {
        try beginOperation()
        let unit = geometry.programSize
        guard offset >= 0, offset % unit == 0, bytes.count % unit == 0, offset + bytes.count <= image.count,
              bytes.count == 0 || offset / geometry.eraseSize == (offset + bytes.count - 1) / geometry.eraseSize else {
            throw misuse("program of \(bytes.count) B at \(offset): misaligned or across blocks")
        }
        guard !faults.badBlocks.contains(offset / geometry.eraseSize) else {
            throw EmulatedFlashError(code: .ioError, message: "program in bad block \(offset / geometry.eraseSize)")
        }
        let dirty = image.withUnsafeBufferPointer { image in
            (offset..<offset + bytes.count).first { image[$0] != 0xFF }
        }
        if let dirty { throw misuse("program at \(offset) over unerased byte \(dirty)") }
        image.withUnsafeMutableBytes { image in
            UnsafeMutableRawBufferPointer(rebasing: image[offset..<offset + bytes.count]).copyMemory(from: bytes)
        }
        unsynced.append(.program(offset: offset, bytes: Array(bytes)))
        programmedBytes += bytes.count
        programCount += 1
    }

    public func erase(block: Int) throws {
        try beginOperation()
        guard block >= 0, block < geometry.blockCount else { throw misuse("erase of block \(block) outside the device") }
        guard !faults.badBlocks.contains(block) else {
            throw EmulatedFlashError(code: .ioError, message: "erase of bad block \(block)")
        }
        fillErased(&image, block: block, count: geometry.eraseSize)
        unsynced.append(.erase(block: block))
        eraseCounts[block] += 1
    }

    public func sync() throws {
        try beginOperation()
        for write in unsynced { apply(write, to: &durableImage, tornAt: nil) }
        unsynced.removeAll()
        syncCount += 1
    }

    /// Cuts the power now: unsynced writes land per `faults.powerCutBehaviour`.
    public func cutPower() {
        guard !isPoweredOff else { return }
        let count = unsynced.count
        var lands = [Bool](repeating: true, count: count)
        var torn: Int?
        switch faults.powerCutBehaviour {
        case .keepAll: break
        case .dropAll: lands = lands.map { _ in false }
        case .randomSubset: lands = lands.map { _ in random.next() & 1 == 0 }
        case .tearLast: torn = count > 0 ? count - 1 : nil
        case .randomSubsetTearOne:
            lands = lands.map { _ in random.next() & 1 == 0 }
            torn = lands.indices.filter { lands[$0] }.randomElement(using: &random)
        }
        for index in 0..<count where lands[index] {
            apply(unsynced[index], to: &durableImage, tornAt: index == torn ? tearLength(unsynced[index]) : nil)
        }
        unsynced.removeAll()
        image = durableImage
        isPoweredOff = true
    }

    /// Restores power: the device holds what survived; operation counting restarts at 0.
    public func powerOn() {
        isPoweredOff = false
        operationCount = 0
        faults.powerCutAtOperation = nil
    }

    // MARK: internals

    private func beginOperation() throws {
        guard !isPoweredOff else { throw EmulatedFlashError(code: .powerCut, message: "powered off") }
        let index = operationCount
        operationCount += 1
        if index == faults.powerCutAtOperation {
            cutPower()
            throw EmulatedFlashError(code: .powerCut, message: "power cut at operation \(index)")
        }
        switch faults.failures[index] {
        case .ioError?: throw EmulatedFlashError(code: .ioError, message: "injected EIO at operation \(index)")
        case .noSpace?: throw EmulatedFlashError(code: .noSpace, message: "injected ENOSPC at operation \(index)")
        case nil: break
        }
    }

    private func tearLength(_ write: Write) -> Int {
        switch write {
        case let .program(_, bytes): Int(random.next(upperBound: UInt64(bytes.count)))
        case .erase: Int(random.next(upperBound: UInt64(geometry.eraseSize)))
        }
    }

    /// NOR physics: a program clears bits (AND), an erase sets them; a torn write does a prefix.
    private func apply(_ write: Write, to target: inout [UInt8], tornAt length: Int?) {
        switch write {
        case let .program(offset, bytes):
            target.withUnsafeMutableBufferPointer { target in
                for index in 0..<(length ?? bytes.count) { target[offset + index] &= bytes[index] }
            }
        case let .erase(block):
            fillErased(&target, block: block, count: length ?? geometry.eraseSize)
        }
    }

    private func fillErased(_ target: inout [UInt8], block: Int, count: Int) {
        let start = block * geometry.eraseSize
        target.withUnsafeMutableBytes { target in
            UnsafeMutableRawBufferPointer(rebasing: target[start..<start + count]).initializeMemory(as: UInt8.self, repeating: 0xFF)
        }
    }

    private func misuse(_ message: String) -> EmulatedFlashError {
        violations.append(message)
        return EmulatedFlashError(code: .misuse, message: message)
    }
}
