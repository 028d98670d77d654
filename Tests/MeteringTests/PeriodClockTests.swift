import Testing
@testable import Metering

@Suite struct PeriodClockTests {
    /// 2026-12-01T16:00:00Z = 2026-12-02 00:00 at +08:00.
    static let midnightUTC8: Int64 = 1_796_140_800

    @Test func minutesAreUTCAlignedWhateverTheOffset() {
        for offset in [0, 28800, 19800, -10800] {
            let clock = PeriodClock(utcOffsetSeconds: offset)
            #expect(clock.start(of: .minute, containing: Self.midnightUTC8 + 59) == Self.midnightUTC8)
            #expect(clock.start(of: .minute, containing: Self.midnightUTC8 + 60) == Self.midnightUTC8 + 60)
            #expect(clock.end(of: .minute, containing: Self.midnightUTC8) == Self.midnightUTC8 + 60)
            #expect(clock.start(of: .minute, containing: -1) == -60)
            #expect(clock.start(of: .minute, containing: -60) == -60)
        }
    }

    @Test func daysAndHoursFollowLocalTimeAtPlus0800() {
        let clock = PeriodClock(utcOffsetSeconds: 8 * 3600)
        let midnight = Self.midnightUTC8
        #expect(clock.start(of: .day, containing: midnight) == midnight)
        #expect(clock.start(of: .day, containing: midnight - 1) == midnight - 86400)
        #expect(clock.end(of: .day, containing: midnight - 1) == midnight)
        #expect(clock.start(of: .day, containing: midnight + 86399) == midnight)
        #expect(clock.end(of: .day, containing: midnight + 86399) == midnight + 86400)
        // 09:59:59 and 10:00:00 local.
        #expect(clock.start(of: .hour, containing: midnight + 10 * 3600 - 1) == midnight + 9 * 3600)
        #expect(clock.start(of: .hour, containing: midnight + 10 * 3600) == midnight + 10 * 3600)
        #expect(clock.end(of: .hour, containing: midnight + 10 * 3600) == midnight + 11 * 3600)
    }

    /// +05:30: local hours start at hh:30 UTC and local midnight is 18:30 UTC.
    @Test func halfHourOffsetShiftsHoursAndDays() {
        let clock = PeriodClock(utcOffsetSeconds: 5 * 3600 + 1800)
        let utcMidnight: Int64 = 1_796_083_200  // 2026-12-01T00:00:00Z = 05:30 local
        #expect(clock.start(of: .hour, containing: utcMidnight) == utcMidnight - 1800)  // 05:00 local
        #expect(clock.start(of: .hour, containing: utcMidnight + 1799) == utcMidnight - 1800)
        #expect(clock.start(of: .hour, containing: utcMidnight + 1800) == utcMidnight + 1800)  // 06:00 local
        let localMidnight = utcMidnight + 18 * 3600 + 1800  // 2026-12-01T18:30Z = 2026-12-02 00:00 local
        #expect(clock.start(of: .day, containing: localMidnight) == localMidnight)
        #expect(clock.start(of: .day, containing: localMidnight - 1) == localMidnight - 86400)
        #expect(clock.end(of: .day, containing: utcMidnight) == localMidnight)
    }

    @Test func negativeOffsetAndEpochsBefore1970() {
        let clock = PeriodClock(utcOffsetSeconds: -3 * 3600)
        #expect(clock.start(of: .day, containing: 0) == -86400 + 3 * 3600)  // 1969-12-31 00:00 at -03:00
        #expect(clock.start(of: .day, containing: 3 * 3600) == 3 * 3600)
        #expect(clock.start(of: .hour, containing: -1) == -3600)
    }
}
