import AgentCore
import Wire

/// Conversions between the UTC epoch milliseconds the agent keeps and the local civil time HJ 212
/// writes (QN, SystemTime, DataTime, BeginTime/EndTime), for a fixed UTC offset.
enum SessionLocalTime {
    /// The last millisecond HJ212Timestamp can write (9999-12-31 23:59:59.999), local.
    static let latestLocalMilliseconds: Int64 = 253_402_300_799_999

    /// The local time of `localMilliseconds` (epoch milliseconds already shifted by the UTC
    /// offset), clamped to years 1970…9999.
    static func timestamp(localMilliseconds: Int64) -> HJ212Timestamp {
        let clamped = min(max(localMilliseconds, 0), latestLocalMilliseconds)
        do {
            return try HJ212Timestamp(epochMilliseconds: clamped, utcOffsetMinutes: 0)
        } catch {
            // Unreachable: the clamp keeps the date within years 1970…9999 and every field in range.
            preconditionFailure("local time \(clamped) ms out of HJ212Timestamp's range: \(error.message)")
        }
    }

    /// The local time of the UTC instant `wallMilliseconds` in a zone `utcOffsetMinutes` east of UTC.
    static func timestamp(wallMilliseconds: Int64, utcOffsetMinutes: Int) -> HJ212Timestamp {
        timestamp(localMilliseconds: wallMilliseconds &+ Int64(utcOffsetMinutes) * 60_000)
    }

    /// The UTC epoch milliseconds of local time `time` in a zone `utcOffsetMinutes` east of UTC.
    static func wallMilliseconds(_ time: HJ212Timestamp, utcOffsetMinutes: Int) -> Int64 {
        localMilliseconds(time) - Int64(utcOffsetMinutes) * 60_000
    }

    /// Epoch milliseconds of `time` read as UTC.
    static func localMilliseconds(_ time: HJ212Timestamp) -> Int64 {
        time.epochMilliseconds(utcOffsetMinutes: 0)
    }
}
