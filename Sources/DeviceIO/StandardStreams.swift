import Glibc

/// The process's standard streams and exit, for the command-line front end
/// (which may not import Glibc itself: only DeviceIO touches libc).
public enum StandardStreams {
    /// Writes `text` to standard output (fd 1), looping over short writes.
    public static func writeOut(_ text: String) {
        write(fd: 1, text)
    }

    /// Writes `text` to standard error (fd 2), looping over short writes.
    public static func writeError(_ text: String) {
        write(fd: 2, text)
    }

    /// Reads standard input to its end, split into lines (LF or CRLF removed).
    public static func readLines() throws(DeviceIOError) -> [String] {
        let bytes = try FileContents.read(fd: 0, name: "standard input")
        var lines: [String] = []
        var current: [UInt8] = []
        for byte in bytes {
            if byte == 0x0A {
                if current.last == 0x0D { current.removeLast() }
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { lines.append(String(decoding: current, as: UTF8.self)) }
        return lines
    }

    /// exit(3) with `status`, after flushing stdio.
    public static func exitProcess(_ status: Int32) -> Never {
        Glibc.exit(status)
    }

    private static func write(fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return  // stdout/stderr gone (EPIPE): nothing useful left to report to
            }
            offset += written
        }
        bytes.removeAll()
    }
}
