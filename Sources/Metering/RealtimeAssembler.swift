/// Turns readings into the 1-second real-time record: keeps the latest reading of every parameter
/// (with the monotonic time it was taken) and the operator's mode, and at each second gives every
/// parameter its value and HJ 212 flag (docs/metering.md, "From reading to flagged value").
///
/// Freshness is judged on the monotonic clock: the latest reading is stale once it is older than
/// the parameter's period plus tolerance, and a stale value is reported as missing (nil, flag B),
/// never repeated as if fresh and never interpolated. A pure state machine: it is given the times,
/// it never reads a clock.
public struct RealtimeAssembler: Sendable {
    /// The parameters, in index order.
    public let specs: [ParameterSpec]
    private var latest: [Reading?]
    private var modes: [OperatorMode]

    /// The latest reading of one parameter.
    private struct Reading: Sendable {
        var outcome: ReadingOutcome
        var wallNanoseconds: Int64
        var monotonicNanoseconds: UInt64
    }

    /// An assembler for `specs`, which must be listed in index order (`specs[i].index == i`).
    /// Every parameter starts never read (nil, flag B) in `.normal` mode.
    public init(specs: [ParameterSpec]) {
        for (position, spec) in specs.enumerated() {
            precondition(spec.index == position, "ParameterSpec \(spec.name) has index \(spec.index) at position \(position)")
        }
        self.specs = specs
        configurationTag = RealtimeRecordCodec.configurationTag(names: specs.map(\.name))
        latest = Array(repeating: nil, count: specs.count)
        modes = Array(repeating: .normal, count: specs.count)
    }

    /// The configuration tag of the specs' names (`RealtimeRecordCodec.configurationTag(names:)`),
    /// the one to pass to `record(…)`.
    public let configurationTag: UInt32

    /// Records the outcome of reading parameter `index`, taken at these times. It replaces the
    /// previous reading whatever it was: a failure after a value leaves no value.
    public mutating func ingest(index: Int, outcome: ReadingOutcome, wallNanoseconds: Int64, monotonicNanoseconds: UInt64) {
        latest[index] = Reading(outcome: outcome, wallNanoseconds: wallNanoseconds, monotonicNanoseconds: monotonicNanoseconds)
    }

    /// Sets the operator's mode for parameter `index`; it applies from the next record on.
    public mutating func setMode(index: Int, _ mode: OperatorMode) {
        modes[index] = mode
    }

    /// The operator's mode for parameter `index`.
    public func mode(index: Int) -> OperatorMode {
        modes[index]
    }

    /// The wall-clock time (UTC epoch nanoseconds) of parameter `index`'s latest reading, or nil if
    /// it was never read. Informational (the shell shows it); freshness uses the monotonic time.
    public func latestReadingWallNanoseconds(index: Int) -> Int64? {
        latest[index]?.wallNanoseconds
    }

    /// The real-time record for UTC `second`, judging freshness at monotonic time
    /// `monotonicNanoseconds`.
    public func record(second: Int64, monotonicNanoseconds: UInt64, clockSynchronised: Bool,
                       configurationTag: UInt32) -> RealtimeRecord {
        var values: [FlaggedValue] = []
        values.reserveCapacity(specs.count)
        for index in specs.indices {
            values.append(flaggedValue(index: index, now: monotonicNanoseconds))
        }
        return RealtimeRecord(timestamp: second, clockSynchronised: clockSynchronised,
                              configurationTag: configurationTag, values: values)
    }

    /// Parameter `index`'s value and flag at monotonic time `now`.
    public func flaggedValue(index: Int, now: UInt64) -> FlaggedValue {
        let measured = measuredValue(index: index, now: now)
        switch modes[index] {
        case .normal: return measured
        case .maintenance: return FlaggedValue(value: measured.value, flag: .maintenance)
        case .calibrating: return FlaggedValue(value: measured.value, flag: .calibrating)
        case .manual(let value):
            return value.isFinite ? FlaggedValue(value: value, flag: .manual) : FlaggedValue(value: nil, flag: .fault)
        }
    }

    /// What the readings alone say: never read or stale → nil/B; a failure → nil and its flag;
    /// non-finite → nil/D; below the lower limit → value/D; above the upper limit → value/T.
    private func measuredValue(index: Int, now: UInt64) -> FlaggedValue {
        guard let reading = latest[index] else { return FlaggedValue(value: nil, flag: .communication) }
        let age = now >= reading.monotonicNanoseconds ? now - reading.monotonicNanoseconds : 0
        guard age <= specs[index].freshnessNanoseconds else { return FlaggedValue(value: nil, flag: .communication) }
        switch reading.outcome {
        case .value(let value):
            let spec = specs[index]
            if !value.isFinite { return FlaggedValue(value: nil, flag: .fault) }
            if value < spec.lowerLimit { return FlaggedValue(value: value, flag: .fault) }
            if value > spec.upperLimit { return FlaggedValue(value: value, flag: .overRange) }
            return FlaggedValue(value: value, flag: .normal)
        case .communicationFailure, .deviceFault, .instrumentStopped:
            return FlaggedValue(value: nil, flag: reading.outcome.failureFlag ?? .fault)
        }
    }
}
