/// One `name=value` field of the CP data area (HJ 212-2017 §6.3.3, Table 4), typed where
/// the standard defines the name. Field names are case-sensitive. Values of monitored
/// factors are kept as written (`3.20` stays `3.20`), so a parsed area re-encodes exactly.
public enum CPField: Sendable, Equatable {
    /// `xxxxxx-Rtd=7.1`, `a01011-Flag=N`, `SB1-RS=1`: factor code, suffix, value text.
    case factor(code: String, suffix: CPFactorSuffix, value: String)
    /// `DataTime`: sampling instant (2011) or start of the period (2051/2061/2031/2041).
    case dataTime(HJ212Timestamp)
    case beginTime(HJ212Timestamp)
    case endTime(HJ212Timestamp)
    /// `SystemTime`: field time (1011 upload, 1012 set).
    case systemTime(HJ212Timestamp)
    /// `RestartTime`: collector boot time (2081).
    case restartTime(HJ212Timestamp)
    /// `QnRtn` (Table 7).
    case requestReturn(HJ212RequestReturn)
    /// `ExeRtn` (Table 6).
    case executionReturn(HJ212ExecutionReturn)
    /// `RtdInterval` in seconds (2017: 30…3600; CCER needs down to 1 — not enforced here).
    case realtimeInterval(Int)
    /// `MinInterval` in minutes (1,2,3,4,5,6,10,12,15,20,30).
    case minuteInterval(Int)
    /// `OverTime` in seconds (0 < n ≤ 99).
    case overTime(Int)
    /// `ReCount` (0 < n ≤ 99).
    case reCount(Int)
    /// `NewPW` (1072).
    case newPassword(String)
    /// `PolId`: pollutant code.
    case pollutantId(String)
    /// Any other field, kept verbatim.
    case other(name: String, value: String)

    /// The field name as written.
    public var name: String {
        switch self {
        case .factor(let code, let suffix, _): return code + "-" + suffix.text
        case .dataTime: return "DataTime"
        case .beginTime: return "BeginTime"
        case .endTime: return "EndTime"
        case .systemTime: return "SystemTime"
        case .restartTime: return "RestartTime"
        case .requestReturn: return "QnRtn"
        case .executionReturn: return "ExeRtn"
        case .realtimeInterval: return "RtdInterval"
        case .minuteInterval: return "MinInterval"
        case .overTime: return "OverTime"
        case .reCount: return "ReCount"
        case .newPassword: return "NewPW"
        case .pollutantId: return "PolId"
        case .other(let name, _): return name
        }
    }

    /// The value as written on the wire.
    public var value: String {
        switch self {
        case .factor(_, _, let value), .newPassword(let value), .pollutantId(let value), .other(_, let value):
            return value
        case .dataTime(let t), .beginTime(let t), .endTime(let t), .systemTime(let t), .restartTime(let t):
            return t.text14
        case .requestReturn(let r): return String(r.rawValue)
        case .executionReturn(let r): return String(r.rawValue)
        case .realtimeInterval(let n), .minuteInterval(let n), .overTime(let n), .reCount(let n):
            return String(n)
        }
    }

    /// `name=value`.
    public var text: String { name + "=" + value }

    /// The data flag when this is an `xxxxxx-Flag` field with a Table 8 value.
    public var dataFlag: HJ212DataFlag? {
        if case .factor(_, .flag, let value) = self { return HJ212DataFlag(text: value) }
        return nil
    }

    /// Classifies `name=value`. Returns the typed field, or `.other` and the reason when a
    /// known name carries a value that does not fit its type.
    public static func classify(name: String, value: String) -> (field: CPField, problem: String?) {
        func time(_ make: (HJ212Timestamp) -> CPField) -> (CPField, String?) {
            do { return (make(try HJ212Timestamp.parse(value)), nil) } catch {
                return (.other(name: name, value: value), "\(name) '\(value)' is not a valid YYYYMMDDhhmmss time: \(error.message)")
            }
        }
        func integer(_ make: (Int) -> CPField) -> (CPField, String?) {
            if let n = canonicalInteger(value) { return (make(n), nil) }
            return (.other(name: name, value: value), "\(name) '\(value)' is not a plain decimal integer")
        }
        switch name {
        case "DataTime": return time(CPField.dataTime)
        case "BeginTime": return time(CPField.beginTime)
        case "EndTime": return time(CPField.endTime)
        case "SystemTime": return time(CPField.systemTime)
        case "RestartTime": return time(CPField.restartTime)
        case "QnRtn":
            if let n = canonicalInteger(value), let r = HJ212RequestReturn(rawValue: n) { return (.requestReturn(r), nil) }
            return (.other(name: name, value: value), "QnRtn '\(value)' is not in Table 7")
        case "ExeRtn":
            if let n = canonicalInteger(value), let r = HJ212ExecutionReturn(rawValue: n) { return (.executionReturn(r), nil) }
            return (.other(name: name, value: value), "ExeRtn '\(value)' is not in Table 6")
        case "RtdInterval": return integer(CPField.realtimeInterval)
        case "MinInterval": return integer(CPField.minuteInterval)
        case "OverTime": return integer(CPField.overTime)
        case "ReCount": return integer(CPField.reCount)
        case "NewPW": return (.newPassword(value), nil)
        case "PolId": return (.pollutantId(value), nil)
        default: break
        }
        let bytes = Array(name.utf8)
        if let dash = bytes.lastIndex(of: UInt8(ascii: "-")), dash > 0, dash + 1 < bytes.count {
            let code = String(decoding: bytes[..<dash], as: UTF8.self)
            let suffix = String(decoding: bytes[(dash + 1)...], as: UTF8.self)
            return (.factor(code: code, suffix: CPFactorSuffix(text: suffix), value: value), nil)
        }
        return (.other(name: name, value: value), nil)
    }

    /// A non-negative decimal integer written without sign or leading zeros (so it re-encodes
    /// identically), at most 9 digits; nil otherwise.
    static func canonicalInteger(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 9, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if bytes.count > 1, bytes[0] == 0x30 { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}
