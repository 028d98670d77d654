import Glibc

/// Small files replaced atomically, for state that does not live in the journal (the update
/// state machine, the last configuration applied): after a power cut the file holds either the
/// old contents or the new, never a mix or nothing.
///
/// Write `path.tmp`, fsync it, rename it over `path`, fsync the directory (the sequence LWN's
/// "ensuring data reaches disk" and mosquitto's persistence use).
public enum AtomicFile {
    /// Replaces the contents of `path` with `bytes`.
    public static func write(_ bytes: [UInt8], to path: String, permissions: mode_t = 0o644) throws(DeviceIOError) {
        let temporary = path + ".tmp"
        do throws(DeviceIOError) {
            try writeAndSync(bytes, to: temporary, permissions: permissions)
            // Durability: the new contents are on disk (fsync above) before the name points at
            // them; rename(2) replaces the directory entry atomically.
            try SystemCall.run("rename") { rename(temporary, path) }
            // Durability: the rename itself is in the directory; sync it so it survives a cut.
            try DirectorySync.syncParent(of: path)
        } catch {
            unlink(temporary)
            throw error.context("cannot replace \(path) atomically")
        }
    }

    /// The contents of `path`, or nil when it does not exist. A leftover `path.tmp` from a cut
    /// during `write` is ignored (the old contents are still the file's).
    public static func read(_ path: String, limit: Int = FileContents.defaultLimit) throws(DeviceIOError) -> [UInt8]? {
        do throws(DeviceIOError) {
            return try FileContents.read(path: path, limit: limit)
        } catch {
            if error.errno == ENOENT { return nil }
            throw error
        }
    }

    private static func writeAndSync(_ bytes: [UInt8], to path: String, permissions: mode_t) throws(DeviceIOError) {
        let fd = try SystemCall.run("open") { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = try bytes.withUnsafeBytes { buffer in
                Result { () throws(DeviceIOError) -> Int in
                    try SystemCall.run("write") {
                        Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                    }
                }
            }.get()
            written += count
        }
        try SystemCall.run("fsync") { fsync(fd) }
    }
}
