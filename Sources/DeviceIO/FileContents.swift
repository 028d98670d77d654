import Glibc

/// Whole-file reads for small files (keys, configs), through the `SystemCall` funnel.
public enum FileContents {
    /// Largest file `read(path:)` accepts, so a wrong path (a device, a log) fails clearly.
    public static let defaultLimit = 1 << 20

    /// Reads the file at `path` (open(2) O_RDONLY|O_CLOEXEC, read(2) to EOF, close(2)).
    public static func read(path: String, limit: Int = defaultLimit) throws(DeviceIOError) -> [UInt8] {
        let fd: Int32
        do throws(DeviceIOError) {
            fd = try SystemCall.run("open") { open(path, O_RDONLY | O_CLOEXEC) }
        } catch {
            throw error.context("cannot open \(path)")
        }
        defer { close(fd) }
        do throws(DeviceIOError) {
            return try read(fd: fd, name: path, limit: limit)
        } catch {
            throw error.context("cannot read \(path)")
        }
    }

    /// Reads `fd` to EOF (at most `limit` bytes; more is an error naming `name`).
    public static func read(fd: Int32, name: String, limit: Int = defaultLimit) throws(DeviceIOError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { buffer in
                Result { () throws(DeviceIOError) -> Int in
                    try SystemCall.run("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
                }
            }.get()
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
            if result.count > limit {
                throw DeviceIOError(.invalidArgument, "\(name) is larger than \(limit) bytes")
            }
        }
    }
}
