import Glibc

/// CLOCK_MONOTONIC in nanoseconds, for throughput figures (never used by tests).
enum BenchClock {
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Runs `body` repeatedly for at least `seconds`; returns (iterations, elapsed seconds).
    static func repeatFor(seconds: Double, _ body: () -> Void) -> (iterations: Int, seconds: Double) {
        let start = nanoseconds()
        let budget = UInt64(seconds * 1e9)
        var iterations = 0
        repeat {
            body()
            iterations += 1
        } while nanoseconds() - start < budget
        return (iterations, Double(nanoseconds() - start) / 1e9)
    }
}
