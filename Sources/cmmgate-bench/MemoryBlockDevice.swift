import Journal

/// The journal's block device in memory, with the geometry `cmmgate run` gives its journal file
/// (`FileBlockDevice`: 512-byte program unit, 64 KiB segments, erased bytes 0x00), counting what
/// the journal writes. Program is a copy, erase a fill, sync a count: what remains is the
/// journal's own work, without the syscalls or the fault bookkeeping of `EmulatedFlash`. A block
/// gets its memory when first written (an untouched block reads as erased), so a 64 MiB journal
/// costs nothing to set up under callgrind.
final class MemoryBlockDevice: BlockDevice {
    let geometry: BlockDeviceGeometry
    private var blocks: [[UInt8]]
    private(set) var programmedBytes = 0
    private(set) var erasedBlocks = 0
    private(set) var syncs = 0

    init(sizeBytes: Int, programSize: Int = 512, eraseSize: Int = 64 * 1024) {
        geometry = BlockDeviceGeometry(programSize: programSize, eraseSize: eraseSize,
                                       blockCount: max(2, sizeBytes / eraseSize), erasedByte: 0)
        blocks = Array(repeating: [], count: geometry.blockCount)
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        precondition(offset >= 0 && offset + buffer.count <= geometry.totalSize, "read outside the device")
        var done = 0
        while done < buffer.count {
            let (block, start) = (offset + done).quotientAndRemainder(dividingBy: geometry.eraseSize)
            let length = min(buffer.count - done, geometry.eraseSize - start)
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[done..<done + length])
            if blocks[block].isEmpty {
                _ = target.initializeMemory(as: UInt8.self, repeating: 0)
            } else {
                blocks[block].withUnsafeBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[start..<start + length])) }
            }
            done += length
        }
    }

    func program(at offset: Int, _ data: UnsafeRawBufferPointer) throws {
        let (block, start) = offset.quotientAndRemainder(dividingBy: geometry.eraseSize)
        precondition(offset >= 0 && start % geometry.programSize == 0 && start + data.count <= geometry.eraseSize
                     && block < geometry.blockCount, "misaligned program, across blocks or outside the device")
        if blocks[block].isEmpty { blocks[block] = [UInt8](repeating: 0, count: geometry.eraseSize) }
        blocks[block].withUnsafeMutableBytes {
            UnsafeMutableRawBufferPointer(rebasing: $0[start..<start + data.count]).copyMemory(from: data)
        }
        programmedBytes += data.count
    }

    func erase(block: Int) throws {
        blocks[block] = []
        erasedBlocks += 1
    }

    func sync() throws {
        syncs += 1
    }
}
