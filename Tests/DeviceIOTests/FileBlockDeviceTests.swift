@testable import DeviceIO
import Glibc
import Journal
import Testing

/// FileBlockDevice on real files under /tmp: geometry, erase (zero range), program, and a
/// journal that survives closing and reopening the file.
@Suite struct FileBlockDeviceTests {
    static func temporaryPath(_ name: String) -> String {
        "/tmp/cmmgate-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    @Test func createdFileIsAllocatedErasedAndSizedAsAsked() throws {
        let path = Self.temporaryPath("blockdevice")
        defer { unlink(path) }
        let device = try FileBlockDevice.create(path: path, blockCount: 4, programSize: 512, eraseSize: 8192)
        #expect(device.geometry == BlockDeviceGeometry(programSize: 512, eraseSize: 8192, blockCount: 4, erasedByte: 0))
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_size == 4 * 8192)
        #expect(status.st_blocks * 512 >= 4 * 8192)  // allocated, not sparse
        #expect(try device.read(at: 0, count: 4 * 8192).allSatisfy { $0 == 0 })
        #expect(throws: DeviceIOError.self) { try FileBlockDevice.create(path: path, blockCount: 4) }
    }

    @Test func programReadBackAndEraseOneBlockOnly() throws {
        let path = Self.temporaryPath("blockdevice")
        defer { unlink(path) }
        let device = try FileBlockDevice.create(path: path, blockCount: 3, programSize: 512, eraseSize: 4096)
        let pattern = (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
        try device.program(at: 4096 + 512, bytes: pattern)
        try device.program(at: 8192, bytes: pattern)
        try device.sync()
        #expect(try device.read(at: 4096 + 512, count: 1024) == pattern)
        try device.erase(block: 1)
        try device.sync()
        #expect(try device.read(at: 4096, count: 4096).allSatisfy { $0 == 0 })
        #expect(try device.read(at: 8192, count: 1024) == pattern)
        #expect(throws: DeviceIOError.self) { try device.program(at: 100, bytes: pattern) }  // misaligned
    }

    @Test func openingRejectsAFileThatIsNotWholeBlocks() throws {
        let path = Self.temporaryPath("blockdevice")
        defer { unlink(path) }
        try AtomicFile.write([1, 2, 3], to: path)
        #expect(throws: DeviceIOError.self) { try FileBlockDevice(opening: path) }
        #expect(throws: DeviceIOError.self) { try FileBlockDevice(opening: path + ".missing") }
    }

    @Test func journalOnAFileSurvivesReopeningAndWrapsTheRing() throws {
        let path = Self.temporaryPath("journal")
        defer { unlink(path) }
        let created = try FileBlockDevice.create(path: path, blockCount: 4, programSize: 512, eraseSize: 4096)
        let journal = try Journal.format(created)
        try journal.register(consumer: "uplink")
        let type = RecordType(rawValue: 0x10)
        for index in 0..<300 {
            try journal.append(type: type, timestamp: Int64(index) * 1000, payload: Array(repeating: UInt8(index & 0xFF), count: 60))
            if index % 10 == 9 { try journal.commit() }
        }
        let before = try journal.records(from: 0)
        #expect(before.contains { $0.type == .gap })  // 300 × 84 B does not fit 4 × 4 KiB
        let reopened = try Journal(opening: try FileBlockDevice(opening: path, programSize: 512, eraseSize: 4096))
        #expect(try reopened.records(from: 0) == before)
        #expect(before.last?.payload == Array(repeating: UInt8(299 & 0xFF), count: 60))
        #expect(reopened.acknowledged(by: "uplink") == journal.acknowledged(by: "uplink"))
    }
}
