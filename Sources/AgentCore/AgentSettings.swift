/// How the agent itself runs, from `[agent]` (optional; every key has a default): where the
/// journal lives and how it commits, the hardware watchdog, logging and its rate limit, and the
/// thresholds of the clock-step and meter-offline events.
public struct AgentSettings: Sendable, Equatable {
    /// What the journal does when it is full and the oldest records are not yet acknowledged.
    public enum OverwritePolicy: String, Sendable, Equatable, CaseIterable {
        /// Reclaim the oldest records anyway, recording the loss as an explicit gap event.
        case oldest
        /// Refuse new records until space is acknowledged (nothing unsent is ever overwritten).
        case refuse
    }

    /// Which watchdog the agent kicks.
    public enum WatchdogBackend: String, Sendable, Equatable, CaseIterable {
        /// No watchdog.
        case none
        /// The kernel watchdog device (`watchdog_device`).
        case device
        /// systemd's watchdog: `WATCHDOG=1` datagrams to `$NOTIFY_SOCKET`.
        case systemd
    }

    /// Where the log goes.
    public enum LogDestination: String, Sendable, Equatable, CaseIterable {
        /// Standard error (journald under systemd).
        case stderr
        /// The local syslog socket.
        case syslog
    }

    /// Absolute path of the journal file.
    public var journalPath: String
    /// Size of the journal file, MiB (1…4096).
    public var journalSizeMegabytes: Int
    /// Group-commit interval: records appended within it are made durable by one sync, ms.
    public var commitIntervalMilliseconds: Int
    public var overwrite: OverwritePolicy
    public var watchdog: WatchdogBackend
    /// Absolute path of the watchdog device (used with `watchdog = device`).
    public var watchdogDevice: String
    /// The watchdog timeout, s; the agent kicks at half of it.
    public var watchdogTimeoutSeconds: Int
    /// Whether an orderly stop writes the magic close character 'V' (disarming the device).
    public var watchdogMagicClose: Bool
    public var log: LogDestination
    /// Messages of one kind let through at once before the rate limit applies.
    public var logBurst: Int
    /// Messages of one kind let through per minute after the burst.
    public var logPerMinute: Int
    /// A wall-clock jump (against the monotonic clock) of at least this much is a clock step event, ms.
    public var clockStepMilliseconds: Int
    /// Whether records carry the kernel's clock-synchronised state (adjtimex); when false they
    /// are all marked not synchronised.
    public var clockSyncCheck: Bool
    /// A meter that has not answered for this long is offline (an event), s.
    public var offlineAfterSeconds: Int
    /// The line of the `[agent]` header, or nil when the file has none (every default applies).
    public var line: Int?

    /// `journalSizeMegabytes` in bytes (1 MiB = 1 048 576 bytes).
    public var journalSizeBytes: Int { journalSizeMegabytes * 1_048_576 }
}
