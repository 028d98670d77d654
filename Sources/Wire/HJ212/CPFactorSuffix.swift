/// The part after the factor code in a CP field name such as `a01011-Rtd`
/// (HJ 212-2017 §6.3.3, Table 4 "数据区字段"). Unknown suffixes are kept verbatim.
public enum CPFactorSuffix: Sendable, Equatable, Hashable {
    case rtd, min, avg, max, zsRtd, zsMin, zsAvg, zsMax, cou, flag, eFlag, sampleTime
    /// `SBxxx-RS` facility running state; `SBxxx-RT` facility run time (h/day).
    case runState, runTime
    case info, sn
    case other(String)

    private static let known: [(CPFactorSuffix, String, String)] = [
        (.rtd, "Rtd", "real-time value"), (.min, "Min", "minimum"), (.avg, "Avg", "average"),
        (.max, "Max", "maximum"), (.zsRtd, "ZsRtd", "converted real-time value"),
        (.zsMin, "ZsMin", "converted minimum"), (.zsAvg, "ZsAvg", "converted average"),
        (.zsMax, "ZsMax", "converted maximum"), (.cou, "Cou", "cumulative"),
        (.flag, "Flag", "data flag"), (.eFlag, "EFlag", "vendor data flag"),
        (.sampleTime, "SampleTime", "sampling time"), (.runState, "RS", "facility running state"),
        (.runTime, "RT", "facility run time (h/day)"), (.info, "Info", "site information"),
        (.sn, "SN", "instrument serial number"),
    ]

    public init(text: String) {
        for (suffix, name, _) in Self.known where name == text {
            self = suffix
            return
        }
        self = .other(text)
    }

    /// The suffix as written after `-` (case-sensitive, §6.3.3).
    public var text: String {
        if case .other(let text) = self { return text }
        for (suffix, name, _) in Self.known where suffix == self { return name }
        return ""
    }

    public var meaning: String? {
        for (suffix, _, meaning) in Self.known where suffix == self { return meaning }
        return nil
    }
}
