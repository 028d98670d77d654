/// A command code `CN` (HJ 212-2017 §6.6.5, Table 9; HJ 212-2025 additions 1001, 1002, 1014,
/// 2013, 2052, 2062, 2111, 3022, 3024, 9015).
///
/// Groups: 1000–1999 initialisation and parameters, 2000–2999 data, 3000–3999 control,
/// 9000–9999 interaction. Unknown codes are kept (`name` is nil).
public struct HJ212CommandCode: RawRepresentable, Sendable, Equatable, Hashable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public init(_ rawValue: Int) { self.rawValue = rawValue }

    public static let setTimeoutAndRetries = Self(1000)
    public static let uploadHardwareSerial = Self(1001)
    public static let setCollectorMN = Self(1002)
    public static let getFieldTime = Self(1011)
    public static let setFieldTime = Self(1012)
    public static let timeCalibrationRequest = Self(1013)
    public static let keyUpdate = Self(1014)
    public static let getRealtimeInterval = Self(1061)
    public static let setRealtimeInterval = Self(1062)
    public static let getMinuteInterval = Self(1063)
    public static let setMinuteInterval = Self(1064)
    public static let setPassword = Self(1072)
    public static let realtimeData = Self(2011)
    public static let stopRealtimeData = Self(2012)
    public static let facilityStatus = Self(2021)
    public static let stopFacilityStatus = Self(2022)
    public static let dailyData = Self(2031)
    public static let facilityRunTimeDaily = Self(2041)
    public static let minuteData = Self(2051)
    public static let hourlyData = Self(2061)
    public static let collectorRestartTime = Self(2081)
    public static let siteInformation = Self(3020)
    public static let requestReply = Self(9011)
    public static let executionResult = Self(9012)
    public static let notifyReply = Self(9013)
    public static let dataReply = Self(9014)
    public static let heartbeat = Self(9015)

    /// The name of the command from the standard's table, or nil when unknown.
    public var name: String? {
        for entry in Self.table where entry.code == rawValue { return entry.name }
        return nil
    }

    /// The command group from the first digit (Table 9 headings).
    public var group: String {
        switch rawValue {
        case 1000...1999: return "initialisation / parameters"
        case 2000...2999: return "data"
        case 3000...3999: return "control"
        case 9000...9999: return "interaction"
        default: return "outside the standard's groups"
        }
    }

    /// Code and name of every command in Table 9 and the HJ 212-2025 additions.
    public static let table: [(code: Int, name: String)] = [
        (1000, "set timeout and retries (OverTime/ReCount)"),
        (1001, "upload collector hardware serial (2025)"),
        (1002, "set collector MN (2025)"),
        (1011, "get / upload field time (SystemTime)"),
        (1012, "set field time"),
        (1013, "time calibration request"),
        (1014, "get / issue new SM4 key (2025)"),
        (1061, "get / upload real-time interval (RtdInterval)"),
        (1062, "set real-time interval"),
        (1063, "get / upload minute interval (MinInterval)"),
        (1064, "set minute interval"),
        (1072, "set access password (NewPW)"),
        (2011, "real-time data"),
        (2012, "stop real-time data"),
        (2013, "raw monitoring data (2025)"),
        (2021, "facility running status"),
        (2022, "stop facility running status"),
        (2031, "daily data"),
        (2041, "facility run time, daily"),
        (2051, "minute data"),
        (2052, "single noise measurement (2025)"),
        (2061, "hourly data"),
        (2062, "automatic standard-check data (2025)"),
        (2081, "collector restart time (RestartTime)"),
        (2111, "furnace 5-minute mean (2025)"),
        (3011, "zero / span calibration"),
        (3012, "immediate sampling"),
        (3013, "start cleaning / blowback"),
        (3014, "comparison sampling"),
        (3015, "over-limit sample retention"),
        (3016, "set sampling period"),
        (3017, "get / upload sampling period"),
        (3018, "get / upload sample take-out time"),
        (3019, "get / upload instrument SN"),
        (3020, "get / upload site information"),
        (3021, "set site parameters"),
        (3022, "sample retention task (2025)"),
        (3024, "start standard check (2025)"),
        (9011, "request reply (QnRtn)"),
        (9012, "execution result (ExeRtn)"),
        (9013, "notify reply"),
        (9014, "data reply"),
        (9015, "heartbeat (2025)"),
    ]
}
