import Glibc

/// The relay's clocks (host side): wall time for HJ 212 times and `received_at`, the monotonic
/// clock for idle timeouts. Only the server reads them; sessions and planners are given times.
enum HostClock {
    /// UTC epoch milliseconds (CLOCK_REALTIME).
    static func wallMilliseconds() -> Int64 {
        milliseconds(CLOCK_REALTIME)
    }

    /// Milliseconds on CLOCK_MONOTONIC.
    static func monotonicMilliseconds() -> Int64 {
        milliseconds(CLOCK_MONOTONIC)
    }

    private static func milliseconds(_ clock: clockid_t) -> Int64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
