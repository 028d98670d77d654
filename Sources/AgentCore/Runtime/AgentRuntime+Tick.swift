import Metering

extension AgentRuntime {
    /// The main loop's clock readings at one tick.
    public struct Tick: Sendable, Equatable {
        /// The UTC second the tick stands for (the wall clock's second at the tick).
        public var second: Int64
        public var monotonicNanoseconds: UInt64
        public var wallNanoseconds: Int64
        /// The kernel's clock-synchronised state, or nil when not checked (records then say not
        /// synchronised, and no synchronisation events are made).
        public var synchronised: Bool?

        public init(second: Int64, monotonicNanoseconds: UInt64, wallNanoseconds: Int64, synchronised: Bool?) {
            self.second = second
            self.monotonicNanoseconds = monotonicNanoseconds
            self.wallNanoseconds = wallNanoseconds
            self.synchronised = synchronised
        }
    }

    /// One second of the main loop: everything to journal, in order. The real-time record is
    /// made only for a second after the last one recorded, so a clock stepping back (or a second
    /// tick in the same second) never duplicates a record; a stall leaves the missed seconds
    /// without a record (counted in `skippedSeconds`) rather than filling them with values that
    /// were not read then.
    public mutating func tick(_ tick: Tick) -> [JournalEntry] {
        var entries = clockEvents(tick)
        entries += calibrationEvents(second: tick.second)
        if let last = lastRecordSecond, tick.second <= last { return entries }
        if let last = lastRecordSecond, tick.second > last + 1 { skippedSeconds += tick.second - last - 1 }
        let record = assembler.record(second: tick.second, monotonicNanoseconds: tick.monotonicNanoseconds,
                                      clockSynchronised: tick.synchronised ?? false,
                                      configurationTag: assembler.configurationTag)
        lastRecordSecond = tick.second
        recordsMade += 1
        entries.append(JournalEntry(type: AgentRecordType.realtime, timestampMilliseconds: tick.second * 1000,
                                    payload: RealtimeRecordCodec.encode(record)))
        entries += closedPeriods(record)
        entries += crossCheckEvents(record)
        return entries
    }

    /// Closes every open statistics and accounting period now (partial periods, carrying this
    /// runtime's configuration tag): for a configuration change that ends this parameter list,
    /// so its last minutes, hour and day are journaled rather than dropped. Not for a reload that
    /// keeps the parameter list (the next runtime resumes those periods from the journal).
    public mutating func closeOpenPeriods() -> [JournalEntry] {
        guard let last = lastRecordSecond else { return [] }
        let end = periodClock.end(of: .day, containing: last)
        return statistics.advance(toSecond: end).map(Self.entry) + accounting.advance(toSecond: end).map(Self.entry)
    }

    /// Statistics, then accounting, of every period that closed with this record.
    mutating func closedPeriods(_ record: RealtimeRecord) -> [JournalEntry] {
        let closedStatistics = statistics.add(record) + statistics.advance(toSecond: record.timestamp)
        let closedAccounting = accounting.add(record) + accounting.advance(toSecond: record.timestamp)
        return closedStatistics.map(Self.entry) + closedAccounting.map(Self.entry)
    }

    static func entry(_ record: StatisticsRecord) -> JournalEntry {
        JournalEntry(type: AgentRecordType.statistics, timestampMilliseconds: record.periodStart * 1000,
                     payload: StatisticsRecordCodec.encode(record))
    }

    static func entry(_ record: AccountingRecord) -> JournalEntry {
        JournalEntry(type: AgentRecordType.accounting, timestampMilliseconds: record.periodStart * 1000,
                     payload: AccountingRecordCodec.encode(record))
    }

    mutating func crossCheckEvents(_ record: RealtimeRecord) -> [JournalEntry] {
        var entries: [JournalEntry] = []
        for (position, check) in model.crossChecks.enumerated() {
            let inlets = check.inlets.map { model.canonical($0, in: record) }
            let reference = model.canonical(check.reference, in: record)
            switch crossChecks[position].observe(second: record.timestamp, inletFlows: inlets, referenceFlow: reference) {
            case .tripped(let since, let inlet, let referenceFlow)?:
                entries.append(Self.entry(.crossCheckTripped(name: check.name, since: since, inlet: inlet,
                                                             reference: referenceFlow), second: record.timestamp))
            case .cleared(let at)?:
                entries.append(Self.entry(.crossCheckCleared(name: check.name, at: at), second: record.timestamp))
            case nil:
                break
            }
        }
        return entries
    }

    /// A wall-clock step against the monotonic clock, and changes of the synchronised state (the
    /// first tick reports only an unsynchronised clock).
    mutating func clockEvents(_ tick: Tick) -> [JournalEntry] {
        var entries: [JournalEntry] = []
        if let step = clockSteps.observe(wallNanoseconds: tick.wallNanoseconds, monotonicNanoseconds: tick.monotonicNanoseconds) {
            entries.append(Self.entry(.clockStepped(step), second: tick.second))
        }
        if let now = tick.synchronised, now != synchronised {
            if now == false { entries.append(Self.entry(.clockUnsynchronised, second: tick.second)) }
            if now, synchronised == false { entries.append(Self.entry(.clockSynchronised, second: tick.second)) }
            synchronised = now
        }
        return entries
    }

    /// Once per local day (and at the first tick): an alarm for every meter whose calibration is
    /// past due.
    mutating func calibrationEvents(second: Int64) -> [JournalEntry] {
        let today = CalendarDate(unixMilliseconds: second * 1000, utcOffsetMinutes: config.identity.utcOffsetMinutes)
        guard today != calibrationCheckedOn else { return [] }
        calibrationCheckedOn = today
        return config.metersWithOverdueCalibration(on: today).map {
            Self.entry(.calibrationOverdue(meter: $0.name, due: $0.registry.calibrationDue.description), second: second)
        }
    }
}
