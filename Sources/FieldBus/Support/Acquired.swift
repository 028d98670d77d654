/// A value read from a device with the times of its acquisition: the monotonic instant the
/// reply was complete (for scheduling and age checks) and the wall-clock time of that instant
/// (for the record's timestamp).
public struct Acquired<Value: Sendable>: Sendable {
    public var value: Value
    public var monotonic: MonotonicInstant
    public var wall: WallTime
    /// Attempts, noise, discards and echoes seen along the way.
    public var report: TransactionReport

    public init(value: Value, monotonic: MonotonicInstant, wall: WallTime, report: TransactionReport) {
        self.value = value
        self.monotonic = monotonic
        self.wall = wall
        self.report = report
    }
}

extension Acquired: Equatable where Value: Equatable {}

/// Cumulative counters of one bus (for the liveness ledger and `cmmgate status`).
public struct BusStatistics: Sendable, Equatable {
    public var transactions = 0
    public var succeeded = 0
    public var timeouts = 0
    public var badFrames = 0
    public var exceptions = 0
    public var portFailures = 0
    /// Requests sent again after a timeout or bad frame.
    public var retries = 0
    public var noiseBytes = 0
    public var discardedBytes = 0
    public var echoes = 0
    public var foreignFrames = 0

    public init() {}

    mutating func record(_ report: TransactionReport, error: FieldBusError?) {
        transactions += 1
        retries += max(0, report.attempts - 1)
        noiseBytes += report.noiseBytes
        discardedBytes += report.diagnostics.discardedBytes
        echoes += report.diagnostics.echoes
        foreignFrames += report.diagnostics.foreignFrames
        switch error?.code {
        case nil: succeeded += 1
        case .timeout?: timeouts += 1
        case .badFrame?: badFrames += 1
        case .exception?: exceptions += 1
        case .portFailure?, .portVanished?, .notConnected?: portFailures += 1
        default: break
        }
    }
}

/// A monotonic instant mapped to wall time using one simultaneous reading of both clocks.
func wallTime(of instant: MonotonicInstant, now: MonotonicInstant, wallNow: WallTime) -> WallTime {
    let before = Int64(clamping: now.nanoseconds(since: instant))
    return WallTime(nanosecondsSinceEpoch: wallNow.nanosecondsSinceEpoch &- before)
}
