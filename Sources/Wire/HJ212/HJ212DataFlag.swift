/// Data flags of a monitored value (HJ 212-2017 §6.6, Table 8), written in `xxxxxx-Flag`.
public enum HJ212DataFlag: Character, Sendable, Equatable, CaseIterable {
    /// N: normal (在线监控（监测）仪器仪表工作正常).
    case normal = "N"
    /// F: instrument stopped (停运).
    case stopped = "F"
    /// M: maintenance (维护).
    case maintenance = "M"
    /// S: manually entered set value (手工输入的设定值).
    case manualSetValue = "S"
    /// D: fault (故障).
    case fault = "D"
    /// C: calibrating (校准).
    case calibrating = "C"
    /// T: above the upper range limit (超测上限).
    case aboveRange = "T"
    /// B: communication between instrument and collector abnormal (通讯异常).
    case communicationFault = "B"

    /// Parses a one-character flag; nil for anything else.
    public init?(text: String) {
        guard text.count == 1, let c = text.first, let flag = HJ212DataFlag(rawValue: c) else { return nil }
        self = flag
    }

    public var meaning: String {
        switch self {
        case .normal: return "normal"
        case .stopped: return "instrument stopped"
        case .maintenance: return "maintenance"
        case .manualSetValue: return "manually entered set value"
        case .fault: return "fault"
        case .calibrating: return "calibrating"
        case .aboveRange: return "above upper range limit"
        case .communicationFault: return "instrument-collector communication abnormal"
        }
    }
}
