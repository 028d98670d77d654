import FieldBus
import Glibc

/// The system's clocks: monotonic time for deadlines and scheduling, wall time for timestamps.
///
/// - `now()`: clock_gettime(2) with CLOCK_MONOTONIC (never steps, keeps counting across NTP
///   corrections; stops in suspend, which an always-on board does not do);
/// - `wallNanoseconds()`: clock_gettime(2) with CLOCK_REALTIME (nanoseconds since 1970, UTC);
/// - `wallTime()`: the same as a `WallTime`;
/// - `sleep(until:)`: clock_nanosleep(2) on CLOCK_MONOTONIC with TIMER_ABSTIME. An absolute
///   deadline means EINTR is simply retried with the same deadline: no remaining time to
///   recompute, no drift from repeated interruptions.
public struct SystemClock: MonotonicClock, WallClock, Sendable {
    public init() {}

    /// The monotonic clock's current reading.
    public func now() -> MonotonicInstant {
        MonotonicInstant(nanoseconds: Self.read(CLOCK_MONOTONIC))
    }

    /// Nanoseconds since 1970-01-01T00:00:00Z (CLOCK_REALTIME); may step when the time is set.
    public func wallNanoseconds() -> UInt64 {
        Self.read(CLOCK_REALTIME)
    }

    public func wallTime() -> WallTime {
        WallTime(nanosecondsSinceEpoch: Int64(bitPattern: Self.read(CLOCK_REALTIME)))
    }

    /// Sleeps until the monotonic clock reaches `deadline` (returns at once if it has).
    /// clock_nanosleep with an absolute deadline on a valid clock can only fail with EINTR,
    /// retried exactly (same deadline); any other errno is a broken system and traps with it.
    public func sleep(until deadline: MonotonicInstant) {
        var target = timespec(
            tv_sec: Int(deadline.nanoseconds / 1_000_000_000),
            tv_nsec: Int(deadline.nanoseconds % 1_000_000_000))
        do {
            // clock_nanosleep returns the error number instead of setting errno: adapted to the
            // funnel's -1/errno convention.
            try SystemCall.run("clock_nanosleep", policy: .retry) { () -> Int32 in
                let result = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil)
                if result == 0 { return 0 }
                errno = result
                return -1
            }
        } catch {
            preconditionFailure("clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME) failed: \(error)")
        }
    }

    /// Sleeps for `microseconds` from now.
    public func sleep(microseconds: Int) {
        sleep(until: now().adding(microseconds: microseconds))
    }

    /// clock_gettime(2) of `clock` in nanoseconds. The clocks used here cannot fail on Linux
    /// (valid id, valid pointer), so a failure is a broken system and traps with its errno.
    private static func read(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        let result = clock_gettime(clock, &time)
        precondition(result == 0, "clock_gettime(\(clock)) failed with errno \(errno)")
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
