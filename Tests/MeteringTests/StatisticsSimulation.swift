@testable import Metering

/// An agent's statistics path over simulated seconds: each second it journals the real-time record
/// (if there is one), adds it, advances, and journals the closed statistics (as payload bytes, the
/// way the journal holds them). A crash loses the aggregator; a restart restores it from the
/// journal with the recipe of docs/metering.md ("Restart").
struct StatisticsSimulation {
    var aggregator: StatisticsAggregator
    var realtimeJournal: [RealtimeRecord] = []
    var statisticsJournal: [[UInt8]] = []
    /// What the first add/advance after the last restart returned.
    var firstAfterRestart: [StatisticsRecord]?

    init(_ aggregator: StatisticsAggregator) {
        self.aggregator = aggregator
    }

    var statistics: [StatisticsRecord] {
        statisticsJournal.map { try! StatisticsRecordCodec.decode($0) }
    }

    /// One second: journal and add `record`, then advance to `second`. With `crashBeforeStatistics`
    /// the statistics this second closed are lost (the process died after journaling the record).
    mutating func tick(_ second: Int64, _ record: RealtimeRecord?, crashBeforeStatistics: Bool = false) {
        var closed: [StatisticsRecord] = []
        if let record {
            realtimeJournal.append(record)
            closed += aggregator.add(record)
        }
        closed += aggregator.advance(toSecond: second)
        if firstAfterRestart == nil { firstAfterRestart = closed }
        if !crashBeforeStatistics { statisticsJournal += closed.map(StatisticsRecordCodec.encode) }
    }

    /// A new process: a fresh aggregator restored from the journal.
    mutating func restart() {
        var fresh = StatisticsAggregator(specs: aggregator.specs, thresholds: aggregator.thresholds, clock: aggregator.clock)
        let window = Self.restoreWindow(realtime: realtimeJournal, closed: statistics, clock: aggregator.clock)
        fresh.restore(realtime: window.realtime, closed: window.closed)
        aggregator = fresh
        firstAfterRestart = nil
    }

    /// The recipe of docs/metering.md: statistics from the start of the local day of the newest
    /// statistics record; real-time records from the start of the newest minute among them.
    static func restoreWindow(realtime: [RealtimeRecord], closed: [StatisticsRecord], clock: PeriodClock)
        -> (realtime: [RealtimeRecord], closed: [StatisticsRecord]) {
        guard let newest = closed.map(\.periodStart).max() else { return (realtime, []) }
        let dayStart = clock.start(of: .day, containing: newest)
        let window = closed.filter { $0.periodStart >= dayStart }
        let from = window.filter { $0.kind == .minute }.map(\.periodStart).max() ?? dayStart
        return (realtime.filter { $0.timestamp >= from }, window)
    }
}
