extension StatisticsAggregator {
    /// Counts of the non-valid flags of a period's underlying values, for the roll-up.
    struct FlagTally: Sendable {
        private var communication = 0, fault = 0, overRange = 0, stopped = 0, calibrating = 0, maintenance = 0

        /// Counts `flag` if it is a non-valid flag (N and S are not counted).
        mutating func count(_ flag: DataFlag) {
            switch flag {
            case .communication: communication += 1
            case .fault: fault += 1
            case .overRange: overRange += 1
            case .stopped: stopped += 1
            case .calibrating: calibrating += 1
            case .maintenance: maintenance += 1
            case .normal, .manual: break
            }
        }

        /// The most frequent non-valid flag; ties go to the earlier of B, D, T, F, C, M; nil when
        /// no non-valid flag was counted.
        var dominant: DataFlag? {
            let ranked: [(DataFlag, Int)] = [(.communication, communication), (.fault, fault), (.overRange, overRange),
                                             (.stopped, stopped), (.calibrating, calibrating), (.maintenance, maintenance)]
            var best: (DataFlag, Int)?
            for entry in ranked where entry.1 > (best?.1 ?? 0) { best = entry }
            return best?.0
        }
    }

    /// The flag of a period with `valid` valid of `total` underlying values: N when
    /// `valid ≥ minimum` and `valid ≥ fraction × total`, otherwise the most frequent non-valid
    /// flag among the underlying values, or D when there is none (the shortfall is missing data).
    static func rollUp(valid: Int, total: Int, minimum: Int, fraction: Double, tally: FlagTally) -> DataFlag {
        if valid >= minimum && Double(valid) >= fraction * Double(total) { return .normal }
        return tally.dominant ?? .fault
    }

    /// One parameter's running statistics over an hour (from minutes) or a day (from hours).
    struct PeriodSlot: Sendable {
        var valid = 0
        var total = 0
        var weightedSum = 0.0
        var weight = 0
        var minimum: Double?
        var maximum: Double?
        var cumulative: Double?
        var tally = FlagTally()

        /// Folds in one closed sub-period's statistics. Only valid sub-periods (flag N or S)
        /// contribute values; every sub-period counts in `total` and a non-valid one in the tally.
        mutating func add(_ entry: ParameterStatistics) {
            total += 1
            guard entry.flag.countsAsValid else {
                tally.count(entry.flag)
                return
            }
            valid += 1
            if let average = entry.average, entry.validCount > 0 {
                weightedSum += average * Double(entry.validCount)
                weight += entry.validCount
            }
            if let value = entry.minimum { minimum = Swift.min(minimum ?? value, value) }
            if let value = entry.maximum { maximum = Swift.max(maximum ?? value, value) }
            if let value = entry.cumulative { cumulative = (cumulative ?? 0) + value }
        }

        func statistics(minimum minimumValid: Int, fraction: Double) -> ParameterStatistics {
            ParameterStatistics(minimum: minimum, average: weight > 0 ? weightedSum / Double(weight) : nil,
                                maximum: maximum, cumulative: cumulative, validCount: valid, totalCount: total,
                                flag: StatisticsAggregator.rollUp(valid: valid, total: total, minimum: minimumValid,
                                                                  fraction: fraction, tally: tally))
        }
    }

    /// The open hour or day: the statistics of its closed sub-periods so far, or (after a restart)
    /// the record already journaled for it, which is then used instead of recomputing and is not
    /// emitted again.
    struct PeriodAccumulator: Sendable {
        let kind: PeriodKind
        private(set) var start: Int64?
        private(set) var sealed: StatisticsRecord?
        private var slots: [PeriodSlot]

        init(kind: PeriodKind, parameterCount: Int) {
            self.kind = kind
            slots = Array(repeating: PeriodSlot(), count: parameterCount)
        }

        mutating func open(at start: Int64, sealed: StatisticsRecord? = nil) {
            self.start = start
            self.sealed = sealed
            for index in slots.indices { slots[index] = PeriodSlot() }
        }

        mutating func seal(_ record: StatisticsRecord) {
            sealed = record
        }

        mutating func close() {
            start = nil
            sealed = nil
        }

        /// Folds in a closed sub-period (its parameters must match the slots).
        mutating func add(_ record: StatisticsRecord) {
            for index in slots.indices { slots[index].add(record.parameters[index]) }
        }

        func statistics(thresholds: StatisticsThresholds) -> [ParameterStatistics] {
            let minimum = thresholds.minimumValid(for: kind)
            return slots.map { $0.statistics(minimum: minimum, fraction: thresholds.normalFraction) }
        }
    }
}
