import AgentCore
import Testing

@Suite("CalendarDate")
struct CalendarDateTests {
    @Test func parsesRealDatesOnly() {
        #expect(CalendarDate(parsing: "2024-02-29")?.description == "2024-02-29")
        for bad in ["2023-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "25-01-01", "2025-01-32", "1969-12-31",
                    "2025/01/01", "２０２５-01-01", ""] {
            #expect(CalendarDate(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func localDateFromUnixTimeAndOffset() {
        // 2026-11-25T16:30:00Z is already the 26th at +08:00, still the 25th at UTC.
        let milliseconds: Int64 = 1_795_624_200_000
        #expect(CalendarDate(unixMilliseconds: milliseconds, utcOffsetMinutes: 0).description == "2026-11-25")
        #expect(CalendarDate(unixMilliseconds: milliseconds, utcOffsetMinutes: 480).description == "2026-11-26")
        #expect(CalendarDate(unixMilliseconds: 0, utcOffsetMinutes: 0).description == "1970-01-01")
        #expect(CalendarDate(unixMilliseconds: 951_782_400_000, utcOffsetMinutes: 0).description == "2000-02-29")
    }

    @Test func ordersByDay() throws {
        let earlier = try #require(CalendarDate(parsing: "2025-12-31"))
        let later = try #require(CalendarDate(parsing: "2026-01-01"))
        #expect(earlier < later && !(later < earlier))
    }
}
