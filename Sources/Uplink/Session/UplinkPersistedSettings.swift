/// The settings a platform may change over the link (CN 1000 OverTime/ReCount, 1062 RtdInterval,
/// 1064 MinInterval, 1072 password), kept across restarts: the daemon writes them to a small
/// state file when the session reports `.settingsChanged` and applies them at the next start, so
/// a new password is not forgotten by a reboot (the platform would refuse every frame after it).
///
/// Text form, one `key=value` per line: `overtime_s`, `recount`, `realtime_interval_s`,
/// `minute_interval_min`, `password`. Decoding is strict: any unknown key, bad number or
/// out-of-range value refuses the whole file with the line that is wrong, and the configured
/// values apply.
public struct UplinkPersistedSettings: Sendable, Equatable {
    public var overTimeSeconds: Int
    public var reCount: Int
    public var realtimeIntervalSeconds: Int
    public var minuteIntervalMinutes: Int
    public var password: String

    public init(_ settings: UplinkSessionSettings) {
        overTimeSeconds = settings.overTimeSeconds
        reCount = settings.reCount
        realtimeIntervalSeconds = settings.realtimeIntervalSeconds
        minuteIntervalMinutes = settings.minuteIntervalMinutes
        password = settings.password
    }

    /// `settings` with these values in place of the configured ones.
    public func applied(to settings: UplinkSessionSettings) -> UplinkSessionSettings {
        var result = settings
        result.overTimeSeconds = overTimeSeconds
        result.reCount = reCount
        result.realtimeIntervalSeconds = realtimeIntervalSeconds
        result.minuteIntervalMinutes = minuteIntervalMinutes
        result.password = password
        return result
    }

    public var text: String {
        "overtime_s=\(overTimeSeconds)\nrecount=\(reCount)\nrealtime_interval_s=\(realtimeIntervalSeconds)\n"
            + "minute_interval_min=\(minuteIntervalMinutes)\npassword=\(password)\n"
    }

    /// Why a state file was refused: the line and what was wrong.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The values in `text` over `base` (a key absent keeps `base`'s value).
    public static func decode(_ text: String, over base: UplinkSessionSettings) throws(Refusal) -> UplinkPersistedSettings {
        var result = UplinkPersistedSettings(base)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw Refusal(line: index + 1, message: "'\(line)' is not key=value") }
            let key = String(parts[0]), value = String(parts[1])
            func number(_ range: ClosedRange<Int>) throws(Refusal) -> Int {
                guard let number = Int(value), range.contains(number) else {
                    throw Refusal(line: index + 1, message: "\(key)=\(value) is not a whole number in \(range)")
                }
                return number
            }
            switch key {
            case "overtime_s": result.overTimeSeconds = try number(1...99)
            case "recount": result.reCount = try number(1...99)
            case "realtime_interval_s": result.realtimeIntervalSeconds = try number(1...3600)
            case "minute_interval_min":
                result.minuteIntervalMinutes = try number(1...30)
                guard UplinkSessionSettings.minuteIntervals.contains(result.minuteIntervalMinutes) else {
                    throw Refusal(line: index + 1, message: "minute_interval_min=\(value) is not an HJ 212 MinInterval")
                }
            case "password":
                guard !value.isEmpty, value.utf8.count <= 32, !value.contains(where: { $0 == ";" || $0 == "&" || $0 == "," }) else {
                    throw Refusal(line: index + 1, message: "password is empty, too long or holds ; & or ,")
                }
                result.password = value
            default: throw Refusal(line: index + 1, message: "unknown key '\(key)'")
            }
        }
        return result
    }
}
