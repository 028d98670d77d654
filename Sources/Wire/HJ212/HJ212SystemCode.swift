/// The system code `ST` (HJ 212-2017 §6.6.1, Table 5 "系统编码"; HJ 212-2025 adds 44 and 45).
///
/// Codes 21, 31, 32, 51, 52 and 91 are checked against domain.md §2.2; the remaining names
/// follow the 2017 table as commonly reproduced (confirm against the PDF).
public struct HJ212SystemCode: RawRepresentable, Sendable, Equatable, Hashable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }

    public static let airPollutionSource = Self(31)
    public static let surfaceWaterPollutionSource = Self(32)
    public static let systemInteraction = Self(91)

    /// The system's name, or nil when the code is not in the table.
    public var name: String? {
        switch rawValue {
        case 21: return "surface water quality monitoring"
        case 22: return "air quality monitoring"
        case 23: return "acoustic environment quality monitoring"
        case 24: return "groundwater quality monitoring"
        case 25: return "soil quality monitoring"
        case 26: return "seawater quality monitoring"
        case 27: return "volatile organic compounds monitoring"
        case 31: return "air pollution source"
        case 32: return "surface water pollution source"
        case 33: return "groundwater pollution source"
        case 34: return "marine pollution source"
        case 35: return "soil pollution source"
        case 36: return "noise pollution source"
        case 37: return "vibration pollution source"
        case 38: return "radioactive pollution source"
        case 39: return "construction dust pollution source"
        case 41: return "electromagnetic pollution source"
        case 44: return "electricity-use monitoring (2025)"
        case 45: return "key production conditions (2025)"
        case 51: return "flue gas emission process monitoring"
        case 52: return "wastewater emission process monitoring"
        case 91: return "system interaction"
        default: return nil
        }
    }
}
