/// The reader of `[parameter NAME]`.
extension SiteConfigParser {
    /// What the per-oxidizer and cross-check rules need to know of a parameter section, recorded
    /// whenever its quantity could be read (even if other keys have errors).
    struct ParameterDeclaration {
        var name: String
        var quantity: MethodologyQuantity
        /// The oxidizer unit, for per-oxidizer quantities whose `oxidizer` is a valid name.
        var oxidizer: String?
        var line: Int
    }

    mutating func readParameter(_ reader: inout ConfigSectionReader) {
        let quantity = reader.choice("quantity", MethodologyQuantity.allCases.map { ($0.rawValue, $0) })
        let oxidizer = reader.text("oxidizer").flatMap { $0.isEmpty ? "" : $0 }
        let validOxidizer = oxidizer.map { $0.isEmpty || ConfigName.isValid($0) } ?? false
        if let oxidizer, !validOxidizer {
            reader.fail(.badValue, key: "oxidizer", "'\(oxidizer)' is not a name (\(ConfigName.rule))")
        }
        if let quantity, quantity.isPerOxidizer, oxidizer == "" {
            reader.fail(.missing, "\(reader.title): \(quantity.rawValue) belongs to an oxidizer unit; set 'oxidizer'",
                        line: reader.section.line)
        }
        if let quantity {
            let unit = quantity.isPerOxidizer && validOxidizer && oxidizer != "" ? oxidizer : nil
            declarations.append(ParameterDeclaration(name: reader.section.name, quantity: quantity, oxidizer: unit,
                                                     line: reader.section.line))
        }
        let point = reader.reference("point")
        let factor = reader.text("factor")
        if let factor, factor.utf8.count > 16 || !factor.unicodeScalars.allSatisfy(Self.isFactorCharacter) {
            reader.fail(.badValue, key: "factor", "'\(factor)' is not an HJ 212 factor code (letters, digits, '-', at most 16)")
        }
        let lower = reader.number("lower"), upper = reader.number("upper")
        if let lower, let upper, lower >= upper {
            reader.fail(.conflict, key: "upper", "\(upper) is not above lower \(lower)")
        }
        let unit = measurementUnit(quantity, &reader)
        let period = reader.integer("period_s", in: 1...3600)
        let tolerance = reader.integer("tolerance_s", in: 0...3600)
        let threshold = runningThreshold(quantity, &reader)
        let pressure = pressureReference(quantity, &reader)
        guard let quantity, let oxidizer, let point, let factor, let lower, let upper, let unit, let period,
              let tolerance, let threshold, let pressure, reader.errors.isEmpty else { return }
        parameters.append(MonitoringParameter(
            name: reader.section.name, quantity: quantity, oxidizer: oxidizer.isEmpty ? nil : oxidizer, point: point,
            factorCode: factor, lowerLimit: lower, upperLimit: upper, unit: unit.symbol, measurementUnit: unit,
            periodSeconds: period, toleranceSeconds: tolerance, runningThreshold: threshold.value,
            pressureReference: pressure.value, line: reader.section.line))
    }

    /// `unit`: one of the units the accounting understands for `quantity` (checked only when the
    /// quantity could be read).
    private func measurementUnit(_ quantity: MethodologyQuantity?,
                                 _ reader: inout ConfigSectionReader) -> MeasurementUnit? {
        guard let text = reader.text("unit"), let quantity else { return nil }
        guard let unit = MeasurementUnit.parse(text, for: quantity) else {
            let accepted = MeasurementUnit.accepted(for: quantity).map(\.symbol).joined(separator: ", ")
            reader.fail(.badValue, key: "unit", "'\(text)' is not a unit of \(quantity.rawValue) (\(accepted))")
            return nil
        }
        return unit
    }

    /// `running_threshold`: required for a bed temperature, meaningless for anything else.
    /// Returns nil when unreadable, `.some(nil)` when rightly absent.
    private func runningThreshold(_ quantity: MethodologyQuantity?,
                                  _ reader: inout ConfigSectionReader) -> (value: Double?, Void)? {
        guard quantity == .bedTemperature else {
            rejectUnlessDefault(["running_threshold"], reason: "a parameter other than bed_temperature", &reader)
            return (nil, ())
        }
        guard reader.text("running_threshold") != "" else {
            reader.fail(.missing, "\(reader.title): a bed_temperature needs 'running_threshold' (°C)",
                        line: reader.section.line)
            return nil
        }
        guard let value = reader.number("running_threshold", in: -50...1500) else { return nil }
        return (value, ())
    }

    /// `pressure` and `atmosphere_kpa`: only an inlet pressure is absolute or gauge, and only a
    /// gauge pressure needs the atmosphere. Returns nil when unreadable, `.some(nil)` for other
    /// quantities.
    private func pressureReference(_ quantity: MethodologyQuantity?,
                                   _ reader: inout ConfigSectionReader) -> (value: MonitoringParameter.PressureReference?, Void)? {
        guard quantity == .inletPressure else {
            rejectUnlessDefault(["pressure", "atmosphere_kpa"], reason: "a parameter other than inlet_pressure", &reader)
            return (nil, ())
        }
        switch reader.choice("pressure", [("absolute", false), ("gauge", true)]) {
        case false?:
            rejectUnlessDefault(["atmosphere_kpa"], reason: "an absolute pressure (pressure = gauge uses it)", &reader)
            return (.absolute, ())
        case true?:
            guard let atmosphere = reader.number("atmosphere_kpa", in: 50...120) else { return nil }
            return (.gauge(atmosphereKilopascals: atmosphere), ())
        case nil:
            return nil
        }
    }

    private static func isFactorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
