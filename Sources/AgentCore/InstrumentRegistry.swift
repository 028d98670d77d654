/// An instrument's registry data for the site's basic information table: who made it, what it
/// measures and how well, where it is, and when it was and must next be calibrated.
public struct InstrumentRegistry: Sendable, Equatable {
    public var maker: String
    public var model: String
    public var serialNumber: String
    /// The measuring range as written (e.g. `0-3000 m3/h`).
    public var measuringRange: String
    /// The accuracy class as written (e.g. `1.0`, `0.5S`).
    public var accuracyClass: String
    public var installationPoint: String
    public var lastCalibration: CalendarDate
    public var calibrationDue: CalendarDate

    /// Whether the calibration is past its due date on `today` (due today is not yet overdue).
    public func isCalibrationOverdue(on today: CalendarDate) -> Bool { calibrationDue < today }
}
