/// The clock port: the monotonic clock for deadlines and scheduling, and sleeping until an instant.
///
/// Pure state machines never read a clock; the runners (`SerialBusRunner`, `StreamBusRunner`)
/// read `now()` and hand it to them. DeviceIO implements this with clock_gettime(CLOCK_MONOTONIC)
/// and clock_nanosleep(TIMER_ABSTIME) (retrying EINTR against the same absolute deadline);
/// AgentTesting's `ManualClock` is advanced by the test and by `sleep(until:)`.
public protocol MonotonicClock {
    /// The current monotonic instant.
    func now() -> MonotonicInstant

    /// Returns at or after `deadline` (at once when it has passed). Throws the implementation's
    /// error (runners wrap it into `FieldBusError`); EINTR is the implementation's to retry.
    mutating func sleep(until deadline: MonotonicInstant) throws
}

/// The wall-clock port: the calendar time that acquisition timestamps carry.
///
/// Kept apart from the monotonic clock because it can be stepped (NTP, HJ 212 CN 1012 time set):
/// deadlines never use it. DeviceIO reads clock_gettime(CLOCK_REALTIME); `ManualClock` derives it
/// from its monotonic time plus a settable offset.
///
/// DeviceIO's `SystemClock` conforms with `wallTime()` returning its `wallNanoseconds()`.
public protocol WallClock {
    /// The current wall-clock time.
    func wallTime() -> WallTime
}

/// A wall-clock reading: nanoseconds since 1970-01-01T00:00:00Z (UTC, leap seconds not counted).
public struct WallTime: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = nanosecondsSinceEpoch }

    public init(secondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = secondsSinceEpoch &* 1_000_000_000 }

    public static func < (lhs: WallTime, rhs: WallTime) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    public var description: String {
        let seconds = nanosecondsSinceEpoch / 1_000_000_000
        let millis = (nanosecondsSinceEpoch % 1_000_000_000) / 1_000_000
        return "\(seconds).\(millis < 100 ? (millis < 10 ? "00" : "0") : "")\(millis)s"
    }
}

/// An error a port implementation throws may adopt this to say the device itself is gone
/// (USB adapter unplugged: EIO/ENODEV on a tty; ECONNRESET on a socket is not this, the socket
/// reconnects). Runners then report `FieldBusError.Code.portVanished` so the caller closes the
/// port and reopens it with back-off (`ReconnectBackoff`) while the rest of the agent keeps running.
public protocol PortFailure: Error {
    /// True when the port must be closed and reopened before it can be used again.
    var portVanished: Bool { get }
}
