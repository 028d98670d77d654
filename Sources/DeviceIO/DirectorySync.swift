import Glibc

/// fsync(2) of a directory, so that a file created, renamed or removed in it survives a power cut
/// (the entry lives in the directory, not in the file).
public enum DirectorySync {
    /// Syncs the directory that holds `path` ("." when `path` has no slash).
    public static func syncParent(of path: String) throws(DeviceIOError) {
        try sync(directory: parent(of: path))
    }

    /// Syncs `directory`.
    public static func sync(directory: String) throws(DeviceIOError) {
        let fd: Int32
        do throws(DeviceIOError) {
            fd = try SystemCall.run("open") { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        } catch {
            throw error.context("cannot open directory \(directory) to sync it")
        }
        defer { close(fd) }
        do throws(DeviceIOError) {
            try SystemCall.run("fsync") { fsync(fd) }
        } catch {
            throw error.context("cannot sync directory \(directory)")
        }
    }

    /// The directory part of `path`.
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
