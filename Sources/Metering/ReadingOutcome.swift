/// What one attempt to read a parameter produced: a value, or why there is none.
public enum ReadingOutcome: Sendable, Equatable {
    /// The instrument answered with this value (scaled to the parameter's unit).
    case value(Double)
    /// No valid reply from the instrument (timeout, no route): flag B.
    case communicationFailure
    /// The instrument replied but the reading is unusable (exception reply, bad frame,
    /// undecodable value): flag D.
    case deviceFault
    /// The instrument reports that it is stopped: flag F.
    case instrumentStopped

    /// The flag a failure outcome gives the value; nil for `.value`.
    public var failureFlag: DataFlag? {
        switch self {
        case .value: nil
        case .communicationFailure: .communication
        case .deviceFault: .fault
        case .instrumentStopped: .stopped
        }
    }
}
