import Testing
@testable import Metering

@Suite struct ClockStepDetectorTests {
    static let second: Int64 = 1_000_000_000
    static let wall0: Int64 = 1_795_624_200 * second

    @Test func firstObservationIsTheBaseline() {
        var detector = ClockStepDetector(thresholdMilliseconds: 100)
        #expect(detector.observe(wallNanoseconds: Self.wall0, monotonicNanoseconds: 5_000) == nil)
        #expect(detector.lastOffsetNanoseconds == Self.wall0 - 5_000)
    }

    @Test func stepBeyondThresholdIsReportedBothWays() {
        var detector = ClockStepDetector(thresholdMilliseconds: 100)
        _ = detector.observe(wallNanoseconds: Self.wall0, monotonicNanoseconds: 0)
        // One second later by the monotonic clock, the wall clock is 2 s ahead.
        let forward = detector.observe(wallNanoseconds: Self.wall0 + 3 * Self.second, monotonicNanoseconds: UInt64(Self.second))
        #expect(forward == ClockStep(from: Self.wall0 + Self.second, to: Self.wall0 + 3 * Self.second,
                                     deltaNanoseconds: 2 * Self.second))
        // And back by 1.5 s.
        let back = detector.observe(wallNanoseconds: Self.wall0 + 5 * Self.second / 2,
                                    monotonicNanoseconds: UInt64(2 * Self.second))
        #expect(back == ClockStep(from: Self.wall0 + 4 * Self.second, to: Self.wall0 + 5 * Self.second / 2,
                                  deltaNanoseconds: -3 * Self.second / 2))
    }

    @Test func exactlyTheThresholdIsNotAStep() {
        var detector = ClockStepDetector(thresholdMilliseconds: 100)
        _ = detector.observe(wallNanoseconds: Self.wall0, monotonicNanoseconds: 0)
        #expect(detector.observe(wallNanoseconds: Self.wall0 + Self.second + 100_000_000,
                                 monotonicNanoseconds: UInt64(Self.second)) == nil)
        #expect(detector.observe(wallNanoseconds: Self.wall0 + 2 * Self.second + 100_000_000 - 100_000_001,
                                 monotonicNanoseconds: UInt64(2 * Self.second))?.deltaNanoseconds == -100_000_001)
    }

    @Test func slewingNeverAddsUpToAStep() {
        // NTP slews at most 500 ppm: 0.5 ms per second, for an hour (1.8 s in all).
        var detector = ClockStepDetector(thresholdMilliseconds: 100)
        for tick in Int64(0)...3600 {
            let monotonic = tick * Self.second
            #expect(detector.observe(wallNanoseconds: Self.wall0 + monotonic + tick * 500_000,
                                     monotonicNanoseconds: UInt64(monotonic)) == nil)
        }
    }

    @Test func extremeReadingsDoNotTrap() {
        var detector = ClockStepDetector(thresholdMilliseconds: 1)
        _ = detector.observe(wallNanoseconds: .min, monotonicNanoseconds: .max)
        // Offsets wrap instead of trapping; whatever they say, the detector keeps going.
        _ = detector.observe(wallNanoseconds: .max, monotonicNanoseconds: 0)
        _ = detector.observe(wallNanoseconds: 0, monotonicNanoseconds: .max / 2)
        #expect(detector.lastOffsetNanoseconds != nil)
    }
}
