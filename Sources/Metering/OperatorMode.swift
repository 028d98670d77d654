/// What the operator has declared about a parameter (through the shell). Anything but `.normal`
/// overrides the flag the readings would give.
public enum OperatorMode: Sendable, Equatable {
    /// Readings decide the flag.
    case normal
    /// Under maintenance: flag M; the measured value is kept when there is one.
    case maintenance
    /// Being calibrated: flag C; the measured value is kept when there is one.
    case calibrating
    /// The operator sets the value: flag S with this value, whatever the instrument reads.
    case manual(Double)
}
