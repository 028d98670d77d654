import CLinuxShim
import Glibc

/// Where the daemon's log lines go: standard error, which journald captures under systemd and
/// keeps one entry per line with the `<N>` priority prefix it understands (sd-daemon(3)), or
/// syslog(3) on boards without systemd (busybox syslogd, rsyslog).
///
/// - `.standardError`: each message is one write(2) of `<N>message\n` to the descriptor given
///   (fd 2 in the daemon; a pipe in tests). Line breaks inside a message become spaces, so one
///   message is one journal entry. One write per line keeps lines from several threads whole.
/// - `.syslog`: openlog(3) with LOG_PID | LOG_NDELAY under LOG_DAEMON, then syslog(priority, "%s",
///   message) through `cmmgate_syslog` (never a format string from the message).
///
/// A line that cannot be written is dropped: a logger has nowhere to report its own failure
/// (stderr closed, journald gone), and the daemon must not stop for it. Rate limiting is the
/// caller's (`LogRateLimiter` in AgentCore). Sendable: it holds only constants, and both write(2)
/// and syslog(3) are thread-safe.
public final class LogSink: Sendable {
    /// Severity, with syslog's priority numbers (syslog.h), which are also journald's prefixes.
    public enum Level: Int32, Sendable, CaseIterable {
        /// LOG_ERR: `<3>`.
        case error = 3
        /// LOG_WARNING: `<4>`.
        case warning = 4
        /// LOG_INFO: `<6>`.
        case info = 6
        /// LOG_DEBUG: `<7>`.
        case debug = 7
    }

    /// The configuration's word for the destination.
    public enum Destination: String, Sendable, CaseIterable {
        case stderr
        case syslog
    }

    public let destination: Destination
    /// The descriptor written for `.stderr`.
    public let descriptor: Int32

    /// A sink for `destination`: `.stderr` writes to `descriptor` (2 by default); `.syslog` opens
    /// the connection to syslog as `identifier`.
    public init(_ destination: Destination, descriptor: Int32 = 2, identifier: String = "cmmgate") {
        self.destination = destination
        self.descriptor = descriptor
        if destination == .syslog { cmmgate_syslog_open(identifier, cmmgate_log_daemon) }
    }

    /// Writes `message` at `level`.
    public func log(_ level: Level, _ message: String) {
        switch destination {
        case .stderr:
            var bytes = Self.line(level, message)
            let fd = descriptor
            do throws(DeviceIOError) {
                try SystemCall.run("write", policy: .retry) {
                    bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                }
            } catch {
                // Dropped: see the type's description. A short write (a full pipe) keeps what went out.
            }
            bytes.removeAll()
        case .syslog:
            cmmgate_syslog(level.rawValue, Self.flattened(message))
        }
    }

    /// The bytes of one stderr line: `<N>`, the message with line breaks as spaces, `\n`.
    static func line(_ level: Level, _ message: String) -> [UInt8] {
        Array("<\(level.rawValue)>\(flattened(message))\n".utf8)
    }

    /// `message` with CR, LF and NUL replaced by spaces.
    static func flattened(_ message: String) -> String {
        String(message.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\0" ? " " : $0 })
    }
}
