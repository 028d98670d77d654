extension StatisticsAggregator {
    /// Rebuilds the open minute, hour and day after a restart from what the journal holds, so
    /// that closing goes on as if there had been no restart (docs/metering.md, "Restart").
    ///
    /// - `closed`: the statistics records already journaled, in journal order; give at least
    ///   every one whose period starts at or after the start of the local day of the newest of them
    ///   (the current day's minutes, hours and, if it closed, the day). No period in `closed` is
    ///   ever emitted again: a journaled hour or day is used as it is, not recomputed.
    /// - `realtime`: the real-time records journaled from the start of the newest minute in
    ///   `closed` onwards (earlier ones are harmless), in journal order. Records in minutes that
    ///   `closed` holds only give the counters their reference reading; the others are aggregated
    ///   as `add` would, with the same refusals.
    ///
    /// Whatever closes during the replay that is not in `closed` (a period whose record was lost
    /// in the crash, or the partial minute before an outage that has since ended) is not lost: it
    /// is returned by the next `add` or `advance`. Everything open before the call is discarded,
    /// and the refusal counters restart from the replay.
    public mutating func restore(realtime: [RealtimeRecord], closed: [StatisticsRecord]) {
        self = StatisticsAggregator(specs: specs, thresholds: thresholds, clock: clock)
        let ordered = closed.sorted { left, right in
            left.periodStart != right.periodStart ? left.periodStart < right.periodStart
                : left.kind.rawValue > right.kind.rawValue
        }
        var closedMinutes = Set<Int64>()
        for record in ordered where record.kind == .minute { closedMinutes.insert(record.periodStart) }
        var next = ordered.startIndex
        for record in realtime {
            while next < ordered.endIndex, ordered[next].periodStart <= record.timestamp {
                replay(closed: ordered[next])
                next += 1
            }
            if closedMinutes.contains(clock.start(of: .minute, containing: record.timestamp)) {
                noteReference(record)
            } else {
                ingest(record)
            }
        }
        while next < ordered.endIndex {
            replay(closed: ordered[next])
            next += 1
        }
        for record in ordered { earliestAcceptedSecond = max(earliestAcceptedSecond, record.periodEnd) }
    }

    /// Takes a journaled statistics record into the state at its period's start: a minute is
    /// folded into its hour, an hour or day becomes the open one, sealed with its record. Records
    /// are refused before the end of a journaled minute at once, before the end of a journaled hour
    /// or day only once the replay is over.
    private mutating func replay(closed record: StatisticsRecord) {
        closeEnded(at: record.periodStart)
        switch record.kind {
        case .minute:
            earliestAcceptedSecond = max(earliestAcceptedSecond, record.periodEnd)
            fold(minute: record)
        case .hour:
            if hour.start != record.periodStart {
                closeHour()
                hour.open(at: record.periodStart)
            }
            hour.seal(record)
        case .day:
            if day.start != record.periodStart {
                closeDay()
                day.open(at: record.periodStart)
            }
            day.seal(record)
        }
    }

    /// A replayed record in a minute already closed: it only updates the counters' reference.
    private mutating func noteReference(_ record: RealtimeRecord) {
        guard matchesConfiguration(record) else { return }
        guard record.timestamp > (lastRecordSecond ?? Int64.min) else { return }
        lastRecordSecond = record.timestamp
        carry.roll(to: clock.start(of: .minute, containing: record.timestamp))
        carry.note(record.values)
    }
}
