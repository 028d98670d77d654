/// How a parameter's values add up over a period: which statistics its `cumulative` holds and what
/// its `average` means (docs/metering.md, "Statistics").
public enum ParameterKind: Sendable, Equatable, Hashable {
    /// An instantaneous value (temperature, pressure, CH4 volume fraction): min/avg/max, no
    /// cumulative.
    case level
    /// A rate in units per `secondsPerUnitTime` seconds (a flow in m³/h is `.rate(3600)`): the
    /// cumulative is Σ value × 1 s / `secondsPerUnitTime` over the valid 1-second values.
    case rate(secondsPerUnitTime: Double)
    /// A monotonically increasing register (energy, heat): the cumulative is the increase of the
    /// register over the period; a decrease is a counter reset and invalidates it.
    case counter
    /// A running status (0 stopped, 1 running): the average is the fraction of the valid seconds
    /// in which it was running (value ≥ 0.5); no cumulative.
    case status
}
