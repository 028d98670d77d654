/// The site's basic information table for networking (issue 5: site identity and each
/// instrument's registry data; issue 6: uploaded as HJ 212 CN 3020 on first connect and whenever
/// it changes). Journaled as its own record (`AgentRecordType.siteInformation`) so it travels like
/// every other record: acknowledged, resent, never lost.
///
/// Payload: UTF-8 lines, fields separated by U+001F (unit separator); control characters in
/// configuration values are written as spaces:
///
///     site␟NAME␟MN␟ST
///     meter␟NAME␟MAKER␟MODEL␟SERIAL␟RANGE␟ACCURACY␟INSTALLATION␟CALIBRATED␟DUE␟FACTOR,FACTOR…
///
/// with dates as YYYY-MM-DD and the HJ 212 factor codes of the parameters read from the meter.
public enum SiteInformation {
    static let separator: Character = "\u{1F}"

    /// The payload of `config`'s table (deterministic: equal configurations give equal bytes).
    public static func payload(_ config: SiteConfig) -> [UInt8] {
        var lines = [["site", config.identity.name, config.identity.mn, config.identity.systemCode]]
        for meter in config.meters {
            let points = Set(config.points.filter { $0.meter == meter.name }.map(\.name))
            let factors = config.parameters.filter { points.contains($0.point) }.map(\.factorCode)
            let registry = meter.registry
            lines.append(["meter", meter.name, registry.maker, registry.model, registry.serialNumber,
                          registry.measuringRange, registry.accuracyClass, registry.installationPoint,
                          registry.lastCalibration.description, registry.calibrationDue.description,
                          factors.joined(separator: ",")])
        }
        let text = lines.map { $0.map(clean).joined(separator: String(separator)) }.joined(separator: "\n")
        return Array(text.utf8)
    }

    /// The lines of a payload, each split into its fields.
    public static func lines(_ payload: [UInt8]) -> [[String]] {
        String(decoding: payload, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        }
    }

    static func clean(_ value: String) -> String {
        String(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}
