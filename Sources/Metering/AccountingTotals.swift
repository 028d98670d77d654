/// The site's accounting over a period: one `OxidizerTotals` per oxidizer unit (in configuration
/// order) and the site's `EnergyTotals`. Additive like its parts: the minute's totals merged make
/// the hour's, the hour's the day's.
public struct AccountingTotals: Sendable, Equatable {
    /// Per oxidizer unit, in the order of the names given at creation (then of first merge).
    public var oxidizers: [OxidizerTotals]
    public var energy: EnergyTotals

    /// Empty totals for the oxidizer units `oxidizerNames` (distinct names).
    public init(oxidizerNames: [String]) {
        oxidizers = oxidizerNames.map { OxidizerTotals(name: $0) }
        energy = EnergyTotals()
    }

    /// Totals made of given parts (a decoded record).
    public init(oxidizers: [OxidizerTotals], energy: EnergyTotals) {
        self.oxidizers = oxidizers
        self.energy = energy
    }

    /// The methane destroyed by every unit, t CO2e.
    public var tonnesCO2e: Double {
        var sum = 0.0
        for unit in oxidizers { sum += unit.destroyedTonnesCO2e }
        return sum
    }

    /// Adds one second's result of the unit at `oxidizer` (its index in `oxidizers`).
    public mutating func add(_ result: SecondResult, oxidizer: Int) {
        oxidizers[oxidizer].add(result)
    }

    /// Adds counter deltas of the site's energy meters; nil deltas change nothing.
    public mutating func addEnergy(generatedKWh: Double? = nil, exportedKWh: Double? = nil,
                                   consumedKWh: Double? = nil, heatGJ: Double? = nil) {
        energy.add(generatedKWh: generatedKWh, exportedKWh: exportedKWh, consumedKWh: consumedKWh, heatGJ: heatGJ)
    }

    /// Adds another period's totals: units are matched by name; a unit only `other` has is
    /// appended (so totals across a configuration change keep every unit).
    public mutating func merge(_ other: AccountingTotals) {
        for unit in other.oxidizers {
            if let index = oxidizers.firstIndex(where: { $0.name == unit.name }) {
                oxidizers[index].merge(unit)
            } else {
                oxidizers.append(unit)
            }
        }
        energy.merge(other.energy)
    }
}
