/// The reader of `[parameter NAME]`.
extension SiteConfigParser {
    mutating func readParameter(_ reader: inout ConfigSectionReader) {
        let quantity = reader.choice("quantity", MethodologyQuantity.allCases.map { ($0.rawValue, $0) })
        let oxidizer = reader.text("oxidizer").flatMap { $0.isEmpty ? "" : $0 }
        if let oxidizer, !oxidizer.isEmpty, !ConfigName.isValid(oxidizer) {
            reader.fail(.badValue, key: "oxidizer", "'\(oxidizer)' is not a name (\(ConfigName.rule))")
        }
        if let quantity, quantity.isPerOxidizer, oxidizer == "" {
            reader.fail(.missing, "\(reader.title): \(quantity.rawValue) belongs to an oxidizer unit; set 'oxidizer'",
                        line: reader.section.line)
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
        let unit = reader.text("unit")
        let period = reader.integer("period_s", in: 1...3600)
        let threshold = runningThreshold(quantity, &reader)
        guard let quantity, let oxidizer, let point, let factor, let lower, let upper, let unit, let period,
              let threshold, reader.errors.isEmpty else { return }
        parameters.append(MonitoringParameter(
            name: reader.section.name, quantity: quantity, oxidizer: oxidizer.isEmpty ? nil : oxidizer, point: point,
            factorCode: factor, lowerLimit: lower, upperLimit: upper, unit: unit, periodSeconds: period,
            runningThreshold: threshold.value, line: reader.section.line))
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

    private static func isFactorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
