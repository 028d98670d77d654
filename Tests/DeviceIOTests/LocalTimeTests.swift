@testable import DeviceIO
import Testing

/// LocalTime in whatever zone the test process has (the process tests set TZ explicitly):
/// accepted and refused spellings, and local time → milliseconds → local time round trips.
@Suite struct LocalTimeTests {
    @Test(arguments: [
        ("2026-11-25T08:00:00", [2026, 11, 25, 8, 0, 0]),
        ("2026-11-25 08:00:59", [2026, 11, 25, 8, 0, 59]),
        ("2026-11-25T23:59", [2026, 11, 25, 23, 59, 0]),
        ("2026-11-25", [2026, 11, 25, 0, 0, 0]),
    ])
    func acceptedSpellings(text: String, fields: [Int]) {
        #expect(LocalTime.fields(of: Array(text.utf8)) == fields)
    }

    @Test(arguments: ["", "2026", "2026-11", "2026-11-25T", "2026-11-25T08", "2026-11-25T08:00:00Z",
                      "2026-11-25T08:00:00+08:00", "2026-00-25", "2026-11-00", "2026-1-25", "２０２６-11-25"])
    func refusedSpellings(text: String) {
        #expect(LocalTime.fields(of: Array(text.utf8)) == nil)
        #expect(throws: DeviceIOError.self) { try LocalTime.milliseconds(parsing: text) }
    }

    @Test(arguments: ["2026-02-30T00:00:00", "2026-11-25T24:00:00", "2026-11-25T08:60:00"])
    func impossibleTimesAreRefusedNotNormalised(text: String) {
        #expect(throws: DeviceIOError.self) { try LocalTime.milliseconds(parsing: text) }
    }

    @Test(arguments: ["2026-11-25T08:00:00", "2000-01-01T00:00:00", "2038-01-19T03:14:08", "1999-12-31T23:59:59"])
    func localTimeRoundTrips(text: String) throws {
        let milliseconds = try LocalTime.milliseconds(parsing: text)
        #expect(milliseconds % 1000 == 0)
        let written = LocalTime.iso8601(milliseconds: milliseconds)
        #expect(written.hasPrefix(text + ".000"))
        #expect(written.utf8.count == text.utf8.count + 4 + 6)  // .mmm and ±HH:MM
    }

    @Test func millisecondsAndTimesBefore1970AreWritten() {
        let written = LocalTime.iso8601(milliseconds: -1)  // 1969-12-31T23:59:59.999 UTC
        #expect(written.utf8.count == "1969-12-31T23:59:59.999+00:00".utf8.count)
        #expect(Array(written.utf8)[20..<23] == Array("999".utf8)[...])
    }
}
