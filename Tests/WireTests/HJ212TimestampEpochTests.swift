import Testing
import Wire

/// Local HJ 212 time at a fixed UTC offset from and to UTC epoch milliseconds (CivilCalendar).
struct HJ212TimestampEpochTests {
    @Test func knownInstantsAtUTCPlus8() throws {
        // 2026-12-02T00:00:00.250Z is 08:00:00.250 at +08:00.
        let time = try HJ212Timestamp(epochMilliseconds: 1_796_169_600_250, utcOffsetMinutes: 480)
        #expect(time.text17 == "20261202080000250")
        #expect(time.epochMilliseconds(utcOffsetMinutes: 480) == 1_796_169_600_250)
        // Across midnight and a leap day, and before 1970.
        #expect(try HJ212Timestamp(epochMilliseconds: 1_709_251_199_999, utcOffsetMinutes: 0).text17 == "20240229235959999")
        #expect(try HJ212Timestamp(epochMilliseconds: -1, utcOffsetMinutes: 0).text17 == "19691231235959999")
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.date(days: 11_016) == (2000, 2, 29))
    }

    @Test func everyDayOfFourCenturiesRoundTrips() {
        for days in stride(from: Int64(-200_000), through: 200_000, by: 97) {
            let date = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: date.year, month: date.month, day: date.day) == days)
        }
    }

    @Test func aYearBeyond9999IsRefused() {
        #expect(throws: WireError.self) { try HJ212Timestamp(epochMilliseconds: 253_402_300_800_000, utcOffsetMinutes: 0) }
    }
}
