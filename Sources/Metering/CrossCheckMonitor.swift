/// The flow cross-check of one extraction pump (docs/accounting.md, "Cross-check"): the summed
/// inlet flows of the oxidizer units it feeds must not exceed its outlet flow. The methodology
/// revokes a project once "the gas flow at the safe-transport system inlet exceeds the flow at the
/// connected extraction-pump outlet" is confirmed; its exact test (tolerance, duration) is
/// unpublished, so both are configured.
///
/// A state machine fed once per second; it never reads a clock. A second is in excess when
/// `Σ inlet > reference × (1 + tolerancePercent / 100)` (exactly at the limit is within). After
/// `durationSeconds` consecutive judged seconds in excess it trips; once tripped, after
/// `durationSeconds` consecutive judged seconds within the limit it clears. A second with any flow
/// missing, flagged invalid or not finite is not judged: it holds the state (neither extends nor
/// breaks a run) and is counted in `unjudgedSeconds`. All flows must be in the same unit and at
/// the same conditions (the caller normalises them).
public struct CrossCheckMonitor: Sendable, Equatable {
    /// How far the inlet sum may exceed the reference, % of the reference.
    public let tolerancePercent: Double
    /// Consecutive judged seconds needed to trip, and to clear.
    public let durationSeconds: Int
    /// Whether the check is tripped (an alarm is standing).
    public private(set) var isTripped = false
    /// Seconds not judged because a flow was missing or invalid.
    public private(set) var unjudgedSeconds = 0
    /// Seconds judged.
    public private(set) var judgedSeconds = 0
    /// Judged seconds in excess since the check was created.
    public private(set) var excessSeconds = 0
    /// First second of the current run towards a trip (or clearance, when tripped), if any.
    public private(set) var runSince: Int64?
    /// Length of that run in judged seconds.
    public private(set) var runLength = 0

    /// A monitor for `tolerancePercent` (finite, 0 or more) and `durationSeconds` (1 or more).
    public init(tolerancePercent: Double, durationSeconds: Int) {
        precondition(tolerancePercent.isFinite && tolerancePercent >= 0, "cross-check tolerance must be 0 % or more")
        precondition(durationSeconds >= 1, "cross-check duration must be at least 1 s")
        self.tolerancePercent = tolerancePercent
        self.durationSeconds = durationSeconds
    }

    /// Judges `second` and returns the action it causes, if any. `inletFlows` are the inlet flows
    /// (an empty list sums to 0); `referenceFlow` is the extraction-pump outlet flow.
    public mutating func observe(second: Int64, inletFlows: [Measured?], referenceFlow: Measured?) -> CrossCheckAction? {
        guard let reference = referenceFlow, reference.isUsable else {
            unjudgedSeconds += 1
            return nil
        }
        var inlet = 0.0
        for flow in inletFlows {
            guard let flow, flow.isUsable else {
                unjudgedSeconds += 1
                return nil
            }
            inlet += flow.value
        }
        judgedSeconds += 1
        let excess = inlet > reference.value * (1 + tolerancePercent / 100)
        if excess { excessSeconds += 1 }
        // A run counts seconds that point away from the current state: excess while clear,
        // within while tripped. Any other judged second ends the run.
        guard excess != isTripped else {
            runSince = nil
            runLength = 0
            return nil
        }
        if runSince == nil { runSince = second }
        runLength += 1
        guard runLength >= durationSeconds, let since = runSince else { return nil }
        isTripped.toggle()
        runSince = nil
        runLength = 0
        return isTripped ? .tripped(since: since, inlet: inlet, reference: reference.value) : .cleared(at: second)
    }
}

/// What a `CrossCheckMonitor` says about a second.
public enum CrossCheckAction: Sendable, Equatable {
    /// The inlet sum has exceeded the reference beyond the tolerance for the configured duration,
    /// since the second `since`; `inlet` and `reference` are the flows of the second that tripped.
    case tripped(since: Int64, inlet: Double, reference: Double)
    /// The inlet sum has been within the tolerance for the configured duration, as of second `at`.
    case cleared(at: Int64)
}
