import Metering

extension AccountingAggregator {
    /// Rebuilds the open periods after a restart from what the journal holds, as
    /// `StatisticsAggregator.restore` does (docs/accounting.md §13): nothing journaled is
    /// recomputed or emitted again, and nothing lost in the crash stays lost.
    ///
    /// - `closed`: the accounting records already journaled of this configuration, at least every
    ///   one of the local day of the newest of them. The open hour is the sum of its journaled
    ///   minutes; the open day the sum of its journaled hours and the open hour.
    /// - `realtime`: the real-time records journaled after the newest closed minute (earlier ones
    ///   only set the energy counters' references), in journal order.
    ///
    /// Returns the periods that closed during the replay and are not in `closed` (their records
    /// were lost in the crash): journal them now.
    public mutating func restore(realtime: [RealtimeRecord], closed: [AccountingRecord]) -> [AccountingRecord] {
        self = AccountingAggregator(model: model, clock: clock)
        let mine = closed.filter { $0.configurationTag == model.configurationTag }
        let journaled = Set(mine.map { PeriodKey(kind: $0.kind, start: $0.periodStart) })
        let newestMinuteEnd = mine.filter { $0.kind == .minute }.map(\.periodEnd).max()
        if let newestMinuteEnd { reopen(before: newestMinuteEnd, closed: mine, journaled: journaled) }
        var lost: [AccountingRecord] = []
        for record in realtime {
            if let newestMinuteEnd, record.timestamp < newestMinuteEnd {
                seedCounters(record)
                continue
            }
            lost += add(record).filter { !journaled.contains(PeriodKey(kind: $0.kind, start: $0.periodStart)) }
        }
        return lost
    }

    /// Opens the hour and day of the second before `end` from their journaled parts, unless they
    /// were journaled themselves.
    private mutating func reopen(before end: Int64, closed: [AccountingRecord], journaled: Set<PeriodKey>) {
        let last = end - 1
        lastSecond = last
        let hour = PeriodKey(kind: .hour, start: clock.start(of: .hour, containing: last))
        let day = PeriodKey(kind: .day, start: clock.start(of: .day, containing: last))
        let names = model.oxidizers.map(\.name)
        var hourTotals = AccountingTotals(oxidizerNames: names)
        var dayTotals = AccountingTotals(oxidizerNames: names)
        let hourEnd = hour.start + PeriodKind.hour.seconds
        for record in closed {
            if record.kind == .minute, record.periodStart >= hour.start, record.periodStart < hourEnd {
                hourTotals.merge(record.totals)
            }
            if record.kind == .hour, record.periodStart >= day.start, record.periodStart <= hour.start {
                dayTotals.merge(record.totals)
            }
        }
        if !journaled.contains(hour) {
            open.append((hour, hourTotals))
            dayTotals.merge(hourTotals)
        }
        if !journaled.contains(day) { open.append((day, dayTotals)) }
    }

    /// Takes the counters' readings in `record` as their references (a record whose minute is
    /// already accounted for adds nothing, but the next second's increase is measured from it).
    private mutating func seedCounters(_ record: RealtimeRecord) {
        guard record.configurationTag == model.configurationTag, record.values.count == model.specs.count else { return }
        for counter in model.energyCounters {
            if let reading = model.canonical(counter.index, in: record), reading.isUsable {
                counterReference[counter.index] = reading.value
            }
        }
    }
}
