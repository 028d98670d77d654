/// The site's electricity and heat over a period: sums of counter deltas (last − first register
/// reading of each interval) that the caller computes from its kWh and heat meters.
///
/// A quantity stays nil until a delta for it is added, so "no meter, or no valid delta" is told
/// apart from a real zero; adding nil changes nothing.
public struct EnergyTotals: Sendable, Equatable {
    /// Electricity generated, kWh.
    public var generatedKilowattHours: Double?
    /// Electricity exported to the grid, kWh.
    public var exportedKilowattHours: Double?
    /// Electricity consumed by the project, kWh.
    public var consumedKilowattHours: Double?
    /// Heat supplied, GJ.
    public var heatGigajoules: Double?

    public init(generatedKilowattHours: Double? = nil, exportedKilowattHours: Double? = nil,
                consumedKilowattHours: Double? = nil, heatGigajoules: Double? = nil) {
        self.generatedKilowattHours = generatedKilowattHours
        self.exportedKilowattHours = exportedKilowattHours
        self.consumedKilowattHours = consumedKilowattHours
        self.heatGigajoules = heatGigajoules
    }

    /// Adds counter deltas; a nil delta leaves its quantity as it is.
    public mutating func add(generatedKWh: Double?, exportedKWh: Double?, consumedKWh: Double?, heatGJ: Double?) {
        Self.accumulate(&generatedKilowattHours, generatedKWh)
        Self.accumulate(&exportedKilowattHours, exportedKWh)
        Self.accumulate(&consumedKilowattHours, consumedKWh)
        Self.accumulate(&heatGigajoules, heatGJ)
    }

    /// Adds another period's energy.
    public mutating func merge(_ other: EnergyTotals) {
        add(generatedKWh: other.generatedKilowattHours, exportedKWh: other.exportedKilowattHours,
            consumedKWh: other.consumedKilowattHours, heatGJ: other.heatGigajoules)
    }

    private static func accumulate(_ total: inout Double?, _ delta: Double?) {
        guard let delta else { return }
        total = (total ?? 0) + delta
    }
}
