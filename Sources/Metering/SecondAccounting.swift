/// The accounting arithmetic for one second (or `seconds`) of one oxidizer unit: a pure function
/// of the inputs and the constant set. Formulas, sources and worked examples: docs/accounting.md.
///
///     V    = Q × s / 3600                                  m³ at the flow's conditions
///     V_n  = V × (P_abs / P_std) × (T_ref / (273.15 + t))   working-condition flow only
///     V_n  = V                                             standard-condition flow
///     V_CH4 = V_n × φ / 100                                φ in % by volume
///     m_CH4 = V_CH4 × ρ_CH4                                 kg
///     destroyed = m_CH4 when the unit runs and every needed input is valid, else 0
///     tCO2e = destroyed / 1000 × GWP_CH4
///
/// Conservative rule: a second with any needed input missing, flagged invalid or impossible
/// destroys nothing in the accounting and is classified `.excluded`; nothing is interpolated.
public enum SecondAccounting {
    /// Kelvin at 0 °C: converts the gas temperature in °C to an absolute temperature. A unit
    /// definition, not a methodology constant (the reference temperature is in the constant set).
    public static let kelvinAtZeroCelsius = 273.15

    /// The result of one second of `inputs` under `constants`; `seconds` is the time the inputs
    /// stand for (1 for a 1-second record; finite and not negative).
    public static func compute(_ inputs: AccountingInputs, constants: AccountingConstants,
                               seconds: Double = 1) -> SecondResult {
        precondition(seconds.isFinite && seconds >= 0, "an accounting interval is a finite, non-negative number of seconds")
        let running = runningState(inputs)
        let volume = gasVolume(inputs, constants: constants, seconds: seconds)
        var result = SecondResult(seconds: seconds, running: try? running.get(), classification: .counted)
        if case .success(let figures) = volume {
            result.standardVolumeCubicMetres = figures.standard
            result.ch4VolumeCubicMetres = figures.ch4
            result.ch4MassKilograms = figures.ch4 * constants.ch4DensityKilogramsPerCubicMetre
            result.volumeMeasured = true
        }
        switch (running, volume) {
        case (.failure(let reason), _):
            result.classification = .excluded(reason.reason)
        case (.success(false), _):
            result.classification = .notRunning
        case (.success(true), .failure(let reason)):
            result.classification = .excluded(reason.reason)
        case (.success(true), .success):
            result.destroyedKilograms = result.ch4MassKilograms
            result.destroyedTonnesCO2e = result.destroyedKilograms / 1000 * constants.gwpCH4
        }
        return result
    }

    /// Whether the unit runs this second: the bed temperature above the threshold when one is
    /// set, else the running status (1 running, 0 stopped).
    static func runningState(_ inputs: AccountingInputs) -> Result<Bool, Excluded> {
        if let threshold = inputs.runningThreshold {
            return usable(inputs.bedTemperature, .bedTemperature) { _ in true }.map { $0 > threshold }
        }
        return usable(inputs.running, .runningStatus) { $0 == 0 || $0 == 1 }.map { $0 == 1 }
    }

    /// Standard volume and pure CH4 volume (m³) for `seconds` of the inlet flow.
    static func gasVolume(_ inputs: AccountingInputs, constants: AccountingConstants,
                          seconds: Double) -> Result<(standard: Double, ch4: Double), Excluded> {
        let flow: Double
        switch usable(inputs.flow, .flow, { $0 >= 0 }) {
        case .success(let value): flow = value
        case .failure(let reason): return .failure(reason)
        }
        let percent: Double
        switch usable(inputs.ch4Percent, .ch4Fraction, { $0 >= 0 && $0 <= 100 }) {
        case .success(let value): percent = value
        case .failure(let reason): return .failure(reason)
        }
        var volume = flow * seconds / 3600
        if inputs.flowConditions == .working {
            let temperature: Double
            switch usable(inputs.temperatureCelsius, .temperature, { $0 > -kelvinAtZeroCelsius }) {
            case .success(let value): temperature = value
            case .failure(let reason): return .failure(reason)
            }
            let pressure: Double
            switch usable(inputs.absolutePressureKilopascals, .pressure, { $0 > 0 }) {
            case .success(let value): pressure = value
            case .failure(let reason): return .failure(reason)
            }
            volume = volume * (pressure / constants.standardPressureKilopascals)
                * (constants.referenceTemperatureKelvin / (kelvinAtZeroCelsius + temperature))
        }
        return .success((volume, volume * (percent / 100)))
    }

    /// The value of `measured` when it is present, valid, finite and `possible`, else why not.
    private static func usable(_ measured: Measured?, _ input: AccountingInput,
                               _ possible: (Double) -> Bool) -> Result<Double, Excluded> {
        guard let measured else { return .failure(Excluded(.missing(input))) }
        guard measured.valid else { return .failure(Excluded(.flagged(input))) }
        guard measured.value.isFinite, possible(measured.value) else { return .failure(Excluded(.impossible(input))) }
        return .success(measured.value)
    }

    /// An `ExclusionReason` as an `Error`, so it can ride in a `Result`.
    struct Excluded: Error {
        var reason: ExclusionReason
        init(_ reason: ExclusionReason) { self.reason = reason }
    }
}
