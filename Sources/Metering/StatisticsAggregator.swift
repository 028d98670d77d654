/// Minute, hour and day statistics from the 1-second real-time records (docs/metering.md,
/// "Statistics"): minutes from the records, hours from closed minutes, days from closed hours,
/// each with min/avg/max/cumulative, counts and the HJ 212 flag roll-up under configurable
/// thresholds.
///
/// A pure state machine: it is given records and the current second, and returns the statistics
/// records of the periods that closed, in the order minute, hour, day. A period closes when a
/// record of a later period arrives or when `advance(toSecond:)` reaches its end; a period with no
/// record at all is never opened and so never emitted. After a restart, `restore(realtime:closed:)`
/// rebuilds the open periods from the journal so that closing goes on as if there had been no
/// restart, and no period whose record was already journaled is emitted again.
///
/// Per record the work is a loop over the parameters into preallocated slots: no allocation
/// except when a period closes.
public struct StatisticsAggregator: Sendable {
    /// The parameters, in index order.
    public let specs: [ParameterSpec]
    /// The validity rules.
    public let thresholds: StatisticsThresholds
    /// Where periods start and end.
    public let clock: PeriodClock
    /// The configuration tag of the specs' names; only records carrying it are aggregated, and
    /// every statistics record carries it.
    public let configurationTag: UInt32
    /// Records refused because their timestamp is not after the previous record's, or lies in a
    /// minute that is already closed (the wall clock stepped back). They count in no period.
    public private(set) var rejectedOutOfOrder = 0
    /// Records refused because they carry another configuration tag or another number of values.
    public private(set) var rejectedForeignConfiguration = 0

    var minute: MinuteAccumulator
    var hour: PeriodAccumulator
    var day: PeriodAccumulator
    var carry: CounterCarry
    /// Records before this second would fall in a minute that is already closed.
    var earliestAcceptedSecond = Int64.min
    var lastRecordSecond: Int64?
    /// Closed records not yet handed out (filled while closing, and by `restore`).
    var pending: [StatisticsRecord] = []

    /// An aggregator for `specs` (in index order, `specs[i].index == i`) with nothing open.
    public init(specs: [ParameterSpec], thresholds: StatisticsThresholds = StatisticsThresholds(), clock: PeriodClock) {
        for (position, spec) in specs.enumerated() {
            precondition(spec.index == position, "ParameterSpec \(spec.name) has index \(spec.index) at position \(position)")
        }
        self.specs = specs
        self.thresholds = thresholds
        self.clock = clock
        configurationTag = RealtimeRecordCodec.configurationTag(names: specs.map(\.name))
        minute = MinuteAccumulator(parameterCount: specs.count)
        hour = PeriodAccumulator(kind: .hour, parameterCount: specs.count)
        day = PeriodAccumulator(kind: .day, parameterCount: specs.count)
        carry = CounterCarry(parameterCount: specs.count)
    }

    /// Adds the real-time record of one second. Records must come in timestamp order: a record in
    /// a later minute first closes the open minute (and the hour and day when they end too), and
    /// the closed periods' records are returned, minute before hour before day. A record that is
    /// not after the previous one or falls in an already closed minute is counted in
    /// `rejectedOutOfOrder` and ignored; one of another configuration in
    /// `rejectedForeignConfiguration`.
    public mutating func add(_ record: RealtimeRecord) -> [StatisticsRecord] {
        ingest(record)
        return takePending()
    }

    /// Closes every open period whose end is ≤ `toSecond` and returns their records (minute, hour,
    /// day). Call it every second with the current UTC second, after adding that second's record if
    /// there is one, so that periods close on time even when records stop. Records before the
    /// start of `toSecond`'s minute are refused from then on.
    public mutating func advance(toSecond second: Int64) -> [StatisticsRecord] {
        closeEnded(at: second)
        earliestAcceptedSecond = max(earliestAcceptedSecond, clock.start(of: .minute, containing: second))
        return takePending()
    }

    /// The start of the open minute, hour and day (nil when none is open), for diagnostics and tests.
    public var openPeriods: (minute: Int64?, hour: Int64?, day: Int64?) {
        (minute.start, hour.start, day.start)
    }

    // MARK: - Internals shared with restore

    /// Whether `record` was made under this aggregator's configuration; counts it otherwise.
    mutating func matchesConfiguration(_ record: RealtimeRecord) -> Bool {
        guard record.configurationTag == configurationTag, record.values.count == specs.count else {
            rejectedForeignConfiguration += 1
            return false
        }
        return true
    }

    mutating func ingest(_ record: RealtimeRecord) {
        guard matchesConfiguration(record) else { return }
        let second = record.timestamp
        guard second >= earliestAcceptedSecond, second > (lastRecordSecond ?? Int64.min) else {
            rejectedOutOfOrder += 1
            return
        }
        lastRecordSecond = second
        closeEnded(at: second)
        let minuteStart = clock.start(of: .minute, containing: second)
        carry.roll(to: minuteStart)
        if minute.start == nil { minute.open(at: minuteStart, carry: carry) }
        minute.add(record.values, specs: specs)
        carry.note(record.values)
    }

    /// Closes the open minute, hour and day, in that order, each if its end is ≤ `second`.
    mutating func closeEnded(at second: Int64) {
        if let start = minute.start, start + PeriodKind.minute.seconds <= second { closeMinute() }
        if let start = hour.start, start + PeriodKind.hour.seconds <= second { closeHour() }
        if let start = day.start, start + PeriodKind.day.seconds <= second { closeDay() }
    }

    mutating func closeMinute() {
        guard let start = minute.start else { return }
        let record = StatisticsRecord(kind: .minute, periodStart: start, configurationTag: configurationTag,
                                      parameters: minute.statistics(specs: specs, thresholds: thresholds))
        minute.close()
        pending.append(record)
        earliestAcceptedSecond = max(earliestAcceptedSecond, record.periodEnd)
        fold(minute: record)
    }

    /// Adds a closed (or already journaled) minute to its hour, opening the hour if needed.
    mutating func fold(minute record: StatisticsRecord) {
        guard fits(record) else { return }
        let hourStart = clock.start(of: .hour, containing: record.periodStart)
        if hour.start != hourStart {
            closeHour()
            hour.open(at: hourStart)
        }
        hour.add(record)
    }

    mutating func closeHour() {
        guard let start = hour.start else { return }
        let record = hour.sealed ?? closedRecord(of: hour, start: start)
        hour.close()
        fold(hour: record)
    }

    /// Adds a closed (or already journaled) hour to its day, opening the day if needed.
    mutating func fold(hour record: StatisticsRecord) {
        guard fits(record) else { return }
        let dayStart = clock.start(of: .day, containing: record.periodStart)
        if day.start != dayStart {
            closeDay()
            day.open(at: dayStart)
        }
        day.add(record)
    }

    mutating func closeDay() {
        guard let start = day.start else { return }
        if day.sealed == nil { _ = closedRecord(of: day, start: start) }
        day.close()
    }

    /// The computed record of a closing hour or day, queued for emission.
    private mutating func closedRecord(of period: PeriodAccumulator, start: Int64) -> StatisticsRecord {
        let record = StatisticsRecord(kind: period.kind, periodStart: start, configurationTag: configurationTag,
                                      parameters: period.statistics(thresholds: thresholds))
        pending.append(record)
        earliestAcceptedSecond = max(earliestAcceptedSecond, record.periodEnd)
        return record
    }

    /// Whether a statistics record can be folded into this aggregator's periods (one of another
    /// configuration, met only in `restore`, is not: it still counts as journaled).
    func fits(_ record: StatisticsRecord) -> Bool {
        record.configurationTag == configurationTag && record.parameters.count == specs.count
    }

    mutating func takePending() -> [StatisticsRecord] {
        if pending.isEmpty { return [] }
        let records = pending
        pending = []
        return records
    }
}
