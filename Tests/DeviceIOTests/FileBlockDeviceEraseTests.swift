@testable import DeviceIO
import Glibc
import Journal
import Synchronization
import Testing

/// FileBlockDevice's erase through CLinuxShim's zero-range fallocate, and its fallback to
/// writing zeros where the filesystem answers EOPNOTSUPP (injected through the tracer).
@Suite struct FileBlockDeviceEraseTests {
    /// Fills blocks 0 and 1 with a pattern, erases block 0, and returns both blocks' bytes.
    static func eraseFirstOfTwoFilledBlocks(_ device: FileBlockDevice) throws -> (erased: [UInt8], kept: [UInt8]) {
        let size = device.geometry.eraseSize
        let pattern = (0..<(2 * size)).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
        try device.program(at: 0, bytes: Array(pattern[0..<size]))
        try device.program(at: size, bytes: Array(pattern[size...]))
        try device.sync()
        try device.erase(block: 0)
        try device.sync()
        return (try device.read(at: 0, count: size), try device.read(at: size, count: size))
    }

    @Test func eraseGoesThroughTheZeroRangeShim() throws {
        let path = FileBlockDeviceTests.temporaryPath("erase-shim")
        defer { unlink(path) }
        let device = try FileBlockDevice.create(path: path, blockCount: 2, programSize: 512, eraseSize: 4096)
        let calls = Mutex<[String]>([])
        let tracer = SystemCallTracer { name in calls.withLock { $0.append("\(name)") }; return nil }
        let (erased, kept) = try SystemCallTracer.withTracer(tracer) {
            try Self.eraseFirstOfTwoFilledBlocks(device)
        }
        #expect(erased.allSatisfy { $0 == 0 })
        #expect(kept.contains { $0 != 0 })
        #expect(calls.withLock { $0.contains("fallocate") })
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_size == 2 * 4096)  // KEEP_SIZE
    }

    @Test func eraseWritesZerosWhenZeroRangeIsUnsupported() throws {
        let path = FileBlockDeviceTests.temporaryPath("erase-fallback")
        defer { unlink(path) }
        let device = try FileBlockDevice.create(path: path, blockCount: 2, programSize: 512, eraseSize: 4096)
        let calls = Mutex<[String]>([])
        let tracer = SystemCallTracer { name in
            calls.withLock { $0.append("\(name)") }
            return "\(name)" == "fallocate" ? EOPNOTSUPP : nil
        }
        let (erased, kept) = try SystemCallTracer.withTracer(tracer) {
            let first = try Self.eraseFirstOfTwoFilledBlocks(device)
            try device.erase(block: 1)  // the device remembers: no second fallocate attempt
            return first
        }
        #expect(erased.allSatisfy { $0 == 0 })
        #expect(kept.contains { $0 != 0 })
        #expect(calls.withLock { $0.filter { $0 == "fallocate" }.count } == 1)
        #expect(try device.read(at: 4096, count: 4096).allSatisfy { $0 == 0 })
    }

    @Test func eraseFailureOtherThanUnsupportedIsReportedWithTheBlock() throws {
        let path = FileBlockDeviceTests.temporaryPath("erase-eio")
        defer { unlink(path) }
        let device = try FileBlockDevice.create(path: path, blockCount: 2, programSize: 512, eraseSize: 4096)
        let tracer = SystemCallTracer { name in "\(name)" == "fallocate" ? EIO : nil }
        let error = SystemCallTracer.withTracer(tracer) { () -> DeviceIOError? in
            do { try device.erase(block: 1); return nil } catch { return error as? DeviceIOError }
        }
        #expect(error?.errno == EIO)
        #expect(error?.message.hasPrefix("erasing block 1 of \(path)") == true)
    }
}

