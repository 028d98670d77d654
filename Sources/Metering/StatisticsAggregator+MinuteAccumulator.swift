extension StatisticsAggregator {
    /// One parameter's running statistics over the open minute, from its 1-second values.
    struct MinuteSlot: Sendable {
        var valid = 0
        var total = 0
        var sum = 0.0
        var running = 0
        var minimum = 0.0
        var maximum = 0.0
        /// `.counter`: the last valid reading of the minute before, when that minute was seen.
        var reference: Double?
        var first: Double?
        var last: Double?
        var counterReset = false
        var tally = FlagTally()

        init(reference: Double? = nil) {
            self.reference = reference
        }

        mutating func add(_ entry: FlaggedValue, kind: ParameterKind) {
            total += 1
            guard entry.flag.countsAsValid, let value = entry.value else {
                tally.count(entry.flag)
                return
            }
            if valid == 0 {
                minimum = value
                maximum = value
            } else {
                minimum = Swift.min(minimum, value)
                maximum = Swift.max(maximum, value)
            }
            valid += 1
            sum += value
            if value >= 0.5 { running += 1 }
            if case .counter = kind {
                if let previous = last ?? reference, value < previous { counterReset = true }
                if first == nil { first = value }
                last = value
            }
        }

        func statistics(kind: ParameterKind, thresholds: StatisticsThresholds) -> ParameterStatistics {
            let hasValues = valid > 0
            var flag = StatisticsAggregator.rollUp(valid: valid, total: total, minimum: thresholds.minuteMinimumSamples,
                                                   fraction: thresholds.normalFraction, tally: tally)
            var average = hasValues ? sum / Double(valid) : nil
            var cumulative: Double?
            switch kind {
            case .level:
                break
            case .status:
                average = hasValues ? Double(running) / Double(valid) : nil
            case .rate(let secondsPerUnitTime):
                if hasValues, secondsPerUnitTime > 0 { cumulative = sum / secondsPerUnitTime }
            case .counter:
                if counterReset {
                    flag = .fault
                } else if let last, let baseline = reference ?? (valid >= 2 ? first : nil) {
                    cumulative = last - baseline
                }
            }
            return ParameterStatistics(minimum: hasValues ? minimum : nil, average: average,
                                       maximum: hasValues ? maximum : nil, cumulative: cumulative,
                                       validCount: valid, totalCount: total, flag: flag)
        }
    }

    /// The open minute: one slot per parameter, reused from minute to minute.
    struct MinuteAccumulator: Sendable {
        private(set) var start: Int64?
        private var slots: [MinuteSlot]

        init(parameterCount: Int) {
            slots = Array(repeating: MinuteSlot(), count: parameterCount)
        }

        /// Opens the minute at `start`; `carry` gives counters their reference reading.
        mutating func open(at start: Int64, carry: CounterCarry) {
            self.start = start
            let continuous = carry.previousMinute == start - 60
            for index in slots.indices {
                slots[index] = MinuteSlot(reference: continuous ? carry.previous[index] : nil)
            }
        }

        mutating func close() {
            start = nil
        }

        mutating func add(_ values: [FlaggedValue], specs: [ParameterSpec]) {
            for index in slots.indices { slots[index].add(values[index], kind: specs[index].kind) }
        }

        func statistics(specs: [ParameterSpec], thresholds: StatisticsThresholds) -> [ParameterStatistics] {
            var result: [ParameterStatistics] = []
            result.reserveCapacity(slots.count)
            for index in slots.indices {
                result.append(slots[index].statistics(kind: specs[index].kind, thresholds: thresholds))
            }
            return result
        }
    }

    /// The last valid reading of every parameter in the minute being read and in the minute
    /// before it, so a counter's increase across a minute boundary is counted in the later minute
    /// (docs/metering.md, "Counters"). Fed by every accepted record, including those replayed by
    /// `restore` for minutes already closed.
    struct CounterCarry: Sendable {
        private(set) var minute: Int64?
        private(set) var previousMinute: Int64?
        private var current: [Double?]
        private(set) var previous: [Double?]

        init(parameterCount: Int) {
            current = Array(repeating: nil, count: parameterCount)
            previous = current
        }

        /// Moves to `minuteStart` if the record about to be noted is in a later minute.
        mutating func roll(to minuteStart: Int64) {
            guard minute != minuteStart else { return }
            if let minute, minuteStart < minute { return }
            previousMinute = minute
            swap(&current, &previous)
            for index in current.indices { current[index] = nil }
            minute = minuteStart
        }

        /// Notes the valid values of a record in the current minute.
        mutating func note(_ values: [FlaggedValue]) {
            for index in current.indices where values[index].isValid {
                current[index] = values[index].value
            }
        }
    }
}
