import FieldBus

/// Which critical loops (pollers, journal, uplinks, shell) made progress recently enough.
///
/// Each loop registers by name with a budget: the longest it may go without reporting progress
/// while working normally (a poller's cycle plus its timeouts and back-off, the journal's commit
/// interval, …). A loop that has not reported within its budget is overdue, and the watchdog is
/// then no longer kicked (`WatchdogKeeper`). Pure: every call takes `now` from the caller's
/// monotonic clock; the ledger never reads one.
public struct LivenessLedger: Sendable {
    /// One registered loop, for diagnostics (`status(now:)`).
    public struct LoopStatus: Sendable, Equatable {
        public var name: String
        public var budgetMilliseconds: Int
        /// Whole milliseconds since the loop last reported (or registered), rounded up.
        public var millisecondsSinceReport: Int
        public var overdue: Bool
    }

    private struct Entry: Sendable {
        var name: String
        var budgetNanoseconds: UInt64
        var lastReport: MonotonicInstant
    }

    /// Registration order, so reports and logs list loops in a stable order.
    private var entries: [Entry] = []

    public init() {}

    /// The registered loop names, in registration order.
    public var loops: [String] { entries.map(\.name) }

    /// Registers `name` with a budget of `budgetMilliseconds` (at least 1); registering counts
    /// as progress at `now`, so a loop is never overdue before it had its budget to start.
    /// Registering a name again replaces its budget and restarts it (a configuration reload).
    public mutating func register(loop name: String, budgetMilliseconds: Int, now: MonotonicInstant) {
        let budget = UInt64(max(1, budgetMilliseconds)).multipliedReportingOverflow(by: 1_000_000)
        let entry = Entry(name: name, budgetNanoseconds: budget.overflow ? .max : budget.partialValue, lastReport: now)
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
    }

    /// Stops watching `name` (a service stopped in order, a bus removed by a reload).
    public mutating func unregister(loop name: String) {
        entries.removeAll { $0.name == name }
    }

    /// Records that `name` made progress at `now`. Returns false (and records nothing) when no loop
    /// of that name is registered: an unregistered loop is not watched, which its caller must fix.
    /// A report older than the last one is ignored (time never goes back for a loop).
    @discardableResult
    public mutating func report(loop name: String, now: MonotonicInstant) -> Bool {
        guard let index = entries.firstIndex(where: { $0.name == name }) else { return false }
        if now > entries[index].lastReport { entries[index].lastReport = now }
        return true
    }

    /// The loops that have not reported for longer than their budget at `now`, in registration order.
    public func overdue(now: MonotonicInstant) -> [String] {
        entries.filter { Self.isOverdue($0, now: now) }.map(\.name)
    }

    /// True when every registered loop is within its budget (also when none is registered).
    public func isHealthy(now: MonotonicInstant) -> Bool {
        !entries.contains { Self.isOverdue($0, now: now) }
    }

    /// Every loop with its budget and the time since its last report, for logs and `cmmgate` status.
    public func status(now: MonotonicInstant) -> [LoopStatus] {
        entries.map { entry in
            LoopStatus(name: entry.name, budgetMilliseconds: Int(clamping: entry.budgetNanoseconds / 1_000_000),
                       millisecondsSinceReport: now.milliseconds(since: entry.lastReport),
                       overdue: Self.isOverdue(entry, now: now))
        }
    }

    /// Overdue means strictly more than the budget has passed: a report exactly at the budget is in time.
    private static func isOverdue(_ entry: Entry, now: MonotonicInstant) -> Bool {
        now.nanoseconds(since: entry.lastReport) > entry.budgetNanoseconds
    }
}
