/// One monitoring parameter as Metering needs it: where its value sits in a real-time record, its
/// range limits, how often it is read and how its values add up. AgentCore maps each configured
/// monitoring parameter to one of these; the list's order is the records' order.
public struct ParameterSpec: Sendable, Equatable {
    /// Position of the parameter's value in `RealtimeRecord.values` and `StatisticsRecord.parameters`
    /// (0-based; a list of specs must hold 0, 1, 2, … in order).
    public var index: Int
    /// The parameter's name; the configuration tag of a record is computed from the names.
    public var name: String
    /// Below this a value is invalid (flag D).
    public var lowerLimit: Double
    /// Above this a value is over range (flag T, value kept).
    public var upperLimit: Double
    /// How often the parameter is read, in seconds.
    public var periodSeconds: Int
    /// How late a reading may be beyond `periodSeconds` before the value is stale (flag B).
    public var toleranceSeconds: Int
    /// How the parameter's values add up over a period.
    public var kind: ParameterKind

    public init(index: Int, name: String, lowerLimit: Double, upperLimit: Double,
                periodSeconds: Int, toleranceSeconds: Int, kind: ParameterKind) {
        self.index = index
        self.name = name
        self.lowerLimit = lowerLimit
        self.upperLimit = upperLimit
        self.periodSeconds = periodSeconds
        self.toleranceSeconds = toleranceSeconds
        self.kind = kind
    }

    /// The age (on the monotonic clock) beyond which the latest reading is stale:
    /// (`periodSeconds` + `toleranceSeconds`) seconds, in nanoseconds.
    public var freshnessNanoseconds: UInt64 {
        UInt64(max(0, periodSeconds + toleranceSeconds)) &* 1_000_000_000
    }
}
