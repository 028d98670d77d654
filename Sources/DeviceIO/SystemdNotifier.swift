import Glibc

/// systemd's notify protocol without libsystemd (sd_notify(3), systemd.service(5) Type=notify):
/// newline-separated `KEY=value` datagrams sent to the AF_UNIX socket named by `$NOTIFY_SOCKET`.
///
/// - `$NOTIFY_SOCKET` is a filesystem path (`/run/systemd/notify`) or an abstract name written
///   `@name` (the `@` becomes the leading NUL of `sun_path`, and the address length counts the
///   name's bytes only). Without the variable the notifier is a no-op: the agent was not started
///   by systemd with Type=notify, and sends nothing.
/// - One socket(2) `AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK` kept open; each message is
///   one sendto(2) with MSG_NOSIGNAL. Non-blocking: a full queue at systemd is an EAGAIN error the
///   caller logs, never a stalled main loop (the next kick is another chance).
/// - `watchdogTimeoutMicroseconds` reads `$WATCHDOG_USEC` (set by `WatchdogSec=`), honouring
///   `$WATCHDOG_PID` when present (the watchdog is then meant for that process only).
///
/// Environment lookups go through a closure so tests pass their own variables (setenv(3) in a
/// process whose other threads read the environment is a data race).
public final class SystemdNotifier {
    /// Reads one environment variable.
    public typealias Environment = @Sendable (String) -> String?

    /// getenv(3).
    public static let processEnvironment: Environment = { name in
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// The socket address from `$NOTIFY_SOCKET`, or nil for the no-op notifier.
    public let target: NotifySocketAddress?
    private var descriptor: Int32 = -1

    /// A notifier for `$NOTIFY_SOCKET` in `environment`; a no-op one when it is unset or empty.
    /// - Throws: `.unsupported` for an address that is neither a path nor `@name` (systemd's
    ///   `vsock:` form), `.invalidArgument` for one longer than `sun_path`, or the socket failure.
    public convenience init(environment: Environment = processEnvironment) throws(DeviceIOError) {
        let value = environment("NOTIFY_SOCKET")
        try self.init(address: value?.isEmpty == false ? value : nil)
    }

    /// A notifier for `address` (a path or `@name`), or a no-op one for nil.
    public init(address: String?) throws(DeviceIOError) {
        guard let address else {
            target = nil
            return
        }
        target = try NotifySocketAddress(address)  // validated before a socket exists
        descriptor = try SystemCall.run("socket", policy: .retry) {
            socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        }
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// True when messages are actually sent.
    public var isEnabled: Bool { target != nil }

    /// `READY=1`: start-up finished (Type=notify waits for it before dependent units start).
    public func ready() throws(DeviceIOError) { try send("READY=1") }
    /// `WATCHDOG=1`: the keep-alive for `WatchdogSec=`.
    public func kick() throws(DeviceIOError) { try send("WATCHDOG=1") }
    /// `STOPPING=1`: an orderly stop began.
    public func stopping() throws(DeviceIOError) { try send("STOPPING=1") }
    /// `RELOADING=1`: re-reading the configuration after SIGHUP (`READY=1` again when done).
    public func reloading() throws(DeviceIOError) { try send("RELOADING=1") }
    /// `STATUS=text`, shown by `systemctl status` (line breaks become spaces: one assignment per line).
    public func status(_ text: String) throws(DeviceIOError) {
        try send("STATUS=" + String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }

    /// Sends `message` (one or more `KEY=value` lines) as one datagram; nothing when disabled.
    public func send(_ message: String) throws(DeviceIOError) {
        guard let target else { return }
        let fd = descriptor
        var bytes = Array(message.utf8)
        do throws(DeviceIOError) {
            let sent = try target.withSockaddr { pointer, length throws(DeviceIOError) -> Int in
                try SystemCall.run("sendto", policy: .retry) {
                    bytes.withUnsafeMutableBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), pointer, length) }
                }
            }
            if sent != bytes.count { throw DeviceIOError(.systemCall, "sent \(sent) of \(bytes.count) bytes") }
        } catch {
            throw error.context("notify \(target.text): \(message)")
        }
        bytes.removeAll()
    }

    /// `$WATCHDOG_USEC` in microseconds when systemd's watchdog is on for this process (`pid`):
    /// nil when unset, not a positive decimal number, or `$WATCHDOG_PID` names another process.
    public static func watchdogTimeoutMicroseconds(environment: Environment = processEnvironment,
                                                   pid: Int32 = getpid()) -> UInt64? {
        if let owner = environment("WATCHDOG_PID") {
            guard let ownerPid = decimal(owner), ownerPid == UInt64(max(0, pid)) else { return nil }
        }
        guard let text = environment("WATCHDOG_USEC"), let value = decimal(text), value > 0 else { return nil }
        return value
    }

    /// A plain decimal number (digits only), or nil.
    static func decimal(_ text: String) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let next = value.multipliedReportingOverflow(by: 10)
            let sum = next.partialValue.addingReportingOverflow(UInt64(byte - 0x30))
            if next.overflow || sum.overflow { return nil }
            value = sum.partialValue
        }
        return value
    }
}
