import CLinuxShim
import Glibc
import Journal

/// The journal's `BlockDevice` over a preallocated file on eMMC or SD (through the filesystem).
///
/// - Erased bytes read as 0x00: `erase` is `fallocate(FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE)`,
///   which on ext4/xfs marks the extents unwritten without writing data and keeps the blocks
///   allocated (no ENOSPC later); where unsupported it writes zeros.
/// - `program` is `pwrite`, `sync` is `fdatasync`; a new file is allocated in full
///   (`posix_fallocate`), synced, and its directory synced, before it is used.
public final class FileBlockDevice: BlockDevice {
    public let geometry: BlockDeviceGeometry
    public let path: String
    private let descriptor: Int32
    private var zeroRangeUnsupported = false

    /// Default geometry for files: 512-byte program unit (one sector), 64 KiB segments.
    public static let defaultProgramSize = 512
    public static let defaultEraseSize = 64 * 1024

    /// Opens an existing journal file; its size must be a multiple of `eraseSize`.
    public init(opening path: String, programSize: Int = defaultProgramSize, eraseSize: Int = defaultEraseSize)
        throws(DeviceIOError) {
        let fd: Int32
        do throws(DeviceIOError) {
            fd = try SystemCall.run("open") { open(path, O_RDWR | O_CLOEXEC) }
        } catch {
            throw error.context("cannot open journal file \(path)")
        }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0, Int(status.st_size) % eraseSize == 0 else {
            close(fd)
            throw DeviceIOError(.invalidArgument, "\(path) is not a journal file: its size is not a multiple of \(eraseSize)")
        }
        self.path = path
        descriptor = fd
        geometry = BlockDeviceGeometry(programSize: programSize, eraseSize: eraseSize,
                                       blockCount: Int(status.st_size) / eraseSize, erasedByte: 0)
    }

    /// Creates a new journal file of `blockCount` × `eraseSize` bytes (fails if it exists),
    /// allocated in full and durable (file and directory synced) before it returns.
    public static func create(path: String, blockCount: Int, programSize: Int = defaultProgramSize,
                              eraseSize: Int = defaultEraseSize) throws(DeviceIOError) -> FileBlockDevice {
        do throws(DeviceIOError) {
            let fd = try SystemCall.run("open") { open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
            defer { close(fd) }
            let size = off_t(blockCount * eraseSize)
            let result = posix_fallocate(fd, 0, size)  // returns the error number, not -1
            guard result == 0 else {
                unlink(path)
                throw DeviceIOError(.systemCall, "posix_fallocate failed", errno: result, cause: SystemCall.errorText(result))
            }
            // Durability: the allocation (file size, extents) is on disk before the journal is written.
            try SystemCall.run("fsync") { fsync(fd) }
            // Durability: the new directory entry survives a cut.
            try DirectorySync.syncParent(of: path)
        } catch {
            throw error.context("cannot create journal file \(path)")
        }
        return try FileBlockDevice(opening: path, programSize: programSize, eraseSize: eraseSize)
    }

    deinit {
        close(descriptor)
    }

    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let count = try SystemCall.run("pread") {
                pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            }
            guard count > 0 else {
                throw DeviceIOError(.invalidArgument, "read past the end of \(path) at \(offset + done)")
            }
            done += count
        }
    }

    public func program(at offset: Int, _ bytes: UnsafeRawBufferPointer) throws {
        guard offset % geometry.programSize == 0, bytes.count % geometry.programSize == 0,
              offset + bytes.count <= geometry.totalSize else {
            throw DeviceIOError(.invalidArgument, "program of \(bytes.count) B at \(offset) misaligned or outside \(path)")
        }
        // Durability: not until `sync` (fdatasync); the page cache may write these pages in any
        // order, or partly, before then — the journal's format expects exactly that.
        try writeAll(bytes, at: offset, call: "pwrite")
    }

    public func erase(block: Int) throws {
        guard block >= 0, block < geometry.blockCount else {
            throw DeviceIOError(.invalidArgument, "erase of block \(block) outside \(path)")
        }
        let offset = off_t(block * geometry.eraseSize)
        if !zeroRangeUnsupported {
            do throws(DeviceIOError) {
                // CLinuxShim: fallocate(FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE).
                try SystemCall.run("fallocate") {
                    cmmgate_fallocate_zero_range(descriptor, Int64(offset), Int64(geometry.eraseSize))
                }
                return
            } catch {
                guard error.errno == EOPNOTSUPP || error.errno == ENOSYS else {
                    throw error.context("erasing block \(block) of \(path)")
                }
                zeroRangeUnsupported = true  // this filesystem has no zero-range: write zeros from now on
            }
        }
        let zeros = [UInt8](repeating: 0, count: geometry.eraseSize)
        try zeros.withUnsafeBytes { try writeAll($0, at: Int(offset), call: "pwrite") }
    }

    public func sync() throws {
        try SystemCall.run("fdatasync") { fdatasync(descriptor) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int, call: StaticString) throws(DeviceIOError) {
        var done = 0
        while done < bytes.count {
            let count = try SystemCall.run(call) {
                pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            }
            done += count
        }
    }
}
