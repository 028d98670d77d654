import Testing
import Wire
@testable import cmmgate_relay

struct CivilTimeTests {
    @Test func localTimesAndEpochSecondsRoundTrip() throws {
        let time = try HJ212Timestamp.parse("20260115100000")
        #expect(CivilTime.epochSeconds(time, utcOffsetMinutes: 480) == Fixture.tenOClock)
        #expect(CivilTime.timestamp(seconds: Fixture.tenOClock, utcOffsetMinutes: 480) == time)
        #expect(CivilTime.timestamp(milliseconds: -1, utcOffsetMinutes: 0).text17 == "19691231235959999")
        #expect(CivilTime.text(seconds: 951_782_400, utcOffsetMinutes: 0) == "2000-02-29 00:00:00")
        for seconds: Int64 in [0, 86_399, 951_868_799, 4_102_444_800] {
            let local = CivilTime.timestamp(seconds: seconds, utcOffsetMinutes: -330)
            #expect(CivilTime.epochSeconds(local, utcOffsetMinutes: -330) == seconds)
        }
    }

    @Test func commandLineTimesAndOffsets() {
        #expect(CivilTime.parseLocal("2026-01-15", utcOffsetMinutes: 480) == Fixture.tenOClock - 36_000)
        #expect(CivilTime.parseLocal("2026-01-15T10:00:00", utcOffsetMinutes: 480) == Fixture.tenOClock)
        #expect(CivilTime.parseLocal("2026-01-15 10:00:00", utcOffsetMinutes: 480) == Fixture.tenOClock)
        for bad in ["2026-02-30", "2026-01-15T24:00:00", "2026/01/15", "2026-01-15T10:00"] {
            #expect(CivilTime.parseLocal(bad, utcOffsetMinutes: 0) == nil)
        }
        #expect(CivilTime.parseOffset("+08:00") == 480 && CivilTime.parseOffset("-05:30") == -330)
        #expect(CivilTime.parseOffset("+15:00") == nil && CivilTime.parseOffset("8") == nil)
        #expect(CivilTime.offsetText(-330) == "-05:30")
    }
}
