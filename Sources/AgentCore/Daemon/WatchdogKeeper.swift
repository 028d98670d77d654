import FieldBus

/// When to kick the watchdog, as a state machine the daemon's main loop ticks (design brief:
/// kick at half the timeout and only while every critical loop is within its budget).
///
/// - While healthy it asks for a kick on the first tick, then whenever half the timeout has passed
///   since the last kick. Half leaves the other half for one late tick of the main loop.
/// - The first unhealthy tick latches: it returns `.withhold` with the overdue loops once, and no
///   kick follows, ever, even if the loops recover. A loop that outran its budget is a fault the
///   agent cannot prove is over; a clean restart from the journal is the recovery the design
///   relies on, and a watchdog that resumes after a stall would hide flapping hangs. A stalled main
///   loop stops ticking and so stops kicking by itself.
/// - `stop(orderly:)` closes the backend, with the magic close (which disarms the hardware) only
///   on an orderly stop, only when configured, and never after kicks were withheld: a hung loop
///   must still end in a reset even if the process then exits.
///
/// Pure: `now` comes from the caller's monotonic clock.
public struct WatchdogKeeper: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Kicking while healthy; `lastKick` is nil before the first kick.
        case kicking(lastKick: MonotonicInstant?)
        /// Kicks withheld since a loop was found overdue.
        case withholding
        /// `stop(orderly:)` was called; ticks do nothing.
        case stopped
    }

    /// The timeout the backend actually applies (the driver's answer to WDIOC_SETTIMEOUT, or
    /// systemd's WATCHDOG_USEC), in milliseconds.
    public let timeoutMilliseconds: Int
    /// Whether an orderly stop may disarm the hardware with the magic close (configuration).
    public let magicCloseOnOrderlyStop: Bool
    public private(set) var state: State = .kicking(lastKick: nil)

    /// - Parameters:
    ///   - timeoutMilliseconds: the applied timeout (at least 2 ms, so the kick interval is not 0).
    ///   - magicCloseOnOrderlyStop: allow `.close(magic: true)` on an orderly stop.
    public init(timeoutMilliseconds: Int, magicCloseOnOrderlyStop: Bool) {
        self.timeoutMilliseconds = max(2, timeoutMilliseconds)
        self.magicCloseOnOrderlyStop = magicCloseOnOrderlyStop
    }

    /// Milliseconds between kicks: half the timeout.
    public var kickIntervalMilliseconds: Int { timeoutMilliseconds / 2 }

    /// The action for this tick of the main loop, or nil for nothing to do.
    /// - Parameters:
    ///   - healthy: every critical loop is within its budget (`LivenessLedger.isHealthy`).
    ///   - overdueLoops: the loops that are not, for the one `.withhold` report.
    public mutating func tick(now: MonotonicInstant, healthy: Bool, overdueLoops: [String] = []) -> WatchdogAction? {
        guard case .kicking(let lastKick) = state else { return nil }
        guard healthy else {
            state = .withholding
            return .withhold(overdueLoops: overdueLoops)
        }
        if let lastKick, now.nanoseconds(since: lastKick) < UInt64(kickIntervalMilliseconds) * 1_000_000 {
            return nil
        }
        state = .kicking(lastKick: now)
        return .kick
    }

    /// `tick(now:healthy:overdueLoops:)` with the health and the overdue loops read from `ledger`.
    public mutating func tick(now: MonotonicInstant, ledger: LivenessLedger) -> WatchdogAction? {
        let overdue = ledger.overdue(now: now)
        return tick(now: now, healthy: overdue.isEmpty, overdueLoops: overdue)
    }

    /// The daemon is stopping: close the backend (the magic close only as described above).
    /// Ticks do nothing afterwards; a second stop returns nil (the backend is already closed).
    public mutating func stop(orderly: Bool) -> WatchdogAction? {
        let wasKicking: Bool
        switch state {
        case .stopped: return nil
        case .withholding: wasKicking = false
        case .kicking: wasKicking = true
        }
        state = .stopped
        return .close(magic: orderly && magicCloseOnOrderlyStop && wasKicking)
    }
}
