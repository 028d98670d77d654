import Metering

/// Minute, hour and day methane accounting from the 1-second real-time records
/// (docs/accounting.md): each record's oxidizer inputs go through `SecondAccounting`, and each
/// energy counter's increase since its previous valid reading is added to the energy totals.
///
/// A pure state machine like `StatisticsAggregator`: records in, closed periods out (minute before
/// hour before day). Records must come in timestamp order; a record not after the previous one,
/// or of another configuration, is counted and ignored. A counter that went down was reset or
/// replaced: its decrease is not energy, so that second adds nothing and the new reading becomes
/// the reference. An invalid or missing counter reading adds nothing and keeps the reference, so
/// the energy of an outage is added when the meter answers again (a counter does not lose it).
public struct AccountingAggregator: Sendable {
    /// A period's identity in the journal.
    public struct PeriodKey: Sendable, Hashable {
        public var kind: PeriodKind
        public var start: Int64
        public init(kind: PeriodKind, start: Int64) {
            self.kind = kind
            self.start = start
        }
    }

    public let model: MeteringModel
    public let clock: PeriodClock
    public private(set) var rejectedOutOfOrder = 0
    public private(set) var rejectedForeignConfiguration = 0
    /// Counter decreases seen (resets or meter replacements), per parameter position.
    public private(set) var counterResets: [Int: Int] = [:]

    var open: [(key: PeriodKey, totals: AccountingTotals)] = []
    var counterReference: [Int: Double] = [:]
    var lastSecond: Int64?

    public init(model: MeteringModel, clock: PeriodClock) {
        self.model = model
        self.clock = clock
    }

    /// Adds one second; returns the periods that closed because the record lies in a later one.
    public mutating func add(_ record: RealtimeRecord) -> [AccountingRecord] {
        guard record.configurationTag == model.configurationTag, record.values.count == model.specs.count else {
            rejectedForeignConfiguration += 1
            return []
        }
        if let lastSecond, record.timestamp <= lastSecond {
            rejectedOutOfOrder += 1
            return []
        }
        lastSecond = record.timestamp
        let closed = closeEnded(at: record.timestamp, orContaining: record.timestamp)
        let second = secondTotals(record)
        for kind in [PeriodKind.minute, .hour, .day] {
            let key = PeriodKey(kind: kind, start: clock.start(of: kind, containing: record.timestamp))
            if let position = open.firstIndex(where: { $0.key == key }) {
                open[position].totals.merge(second)
            } else {
                open.append((key, second))
            }
        }
        return closed
    }

    /// Closes every open period whose end is ≤ `second` (call it each second after `add`).
    public mutating func advance(toSecond second: Int64) -> [AccountingRecord] {
        closeEnded(at: second, orContaining: nil)
    }

    /// The open periods, for diagnostics and tests.
    public var openPeriods: [PeriodKey] { open.map(\.key) }

    /// The totals of one record: each oxidizer's second and the energy counters' increases.
    private mutating func secondTotals(_ record: RealtimeRecord) -> AccountingTotals {
        var totals = AccountingTotals(oxidizerNames: model.oxidizers.map(\.name))
        for oxidizer in model.oxidizers.indices {
            let inputs = model.accountingInputs(oxidizer: oxidizer, record: record)
            totals.add(SecondAccounting.compute(inputs, constants: model.constants), oxidizer: oxidizer)
        }
        var energy: [MethodologyQuantity: Double] = [:]
        for counter in model.energyCounters {
            guard let increase = counterIncrease(counter.index, record) else { continue }
            energy[counter.quantity, default: 0] += increase
        }
        totals.addEnergy(generatedKWh: energy[.electricityGenerated], exportedKWh: energy[.electricityExported],
                         consumedKWh: energy[.electricityConsumed], heatGJ: energy[.heatSupplied])
        return totals
    }

    /// The increase of counter `index` since its reference reading, in canonical units; nil when
    /// there is no usable reading, no reference yet, or the counter went down (a reset).
    private mutating func counterIncrease(_ index: Int, _ record: RealtimeRecord) -> Double? {
        guard let reading = model.canonical(index, in: record), reading.isUsable else { return nil }
        defer { counterReference[index] = reading.value }
        guard let reference = counterReference[index] else { return nil }
        guard reading.value >= reference else {
            counterResets[index, default: 0] += 1
            return nil
        }
        return reading.value - reference
    }

    /// Closes the open periods that ended by `second`, or (when `containing` is given) that do
    /// not contain it; returns their records minute before hour before day.
    private mutating func closeEnded(at second: Int64, orContaining containing: Int64?) -> [AccountingRecord] {
        var closed: [AccountingRecord] = []
        open.removeAll { entry in
            let end = entry.key.start + entry.key.kind.seconds
            let ended = end <= second || containing.map { $0 < entry.key.start || $0 >= end } == true
            if ended {
                closed.append(AccountingRecord(kind: entry.key.kind, periodStart: entry.key.start,
                                               configurationTag: model.configurationTag,
                                               constants: model.constants, totals: entry.totals))
            }
            return ended
        }
        return closed.sorted { ($0.periodEnd, $0.kind.rawValue) < ($1.periodEnd, $1.kind.rawValue) }
    }
}
