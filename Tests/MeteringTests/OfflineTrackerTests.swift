import Testing
@testable import Metering

@Suite struct OfflineTrackerTests {
    @Test func offlineExactlyAtTheNthFailedSecond() {
        var tracker = OfflineTracker(offlineAfterSeconds: 5)
        #expect(tracker.observe(meter: 0, success: true, second: 99) == nil)
        for second in Int64(100)..<104 {
            #expect(tracker.observe(meter: 0, success: false, second: second) == nil, "\(second)")
        }
        #expect(!tracker.isOffline(meter: 0))
        #expect(tracker.observe(meter: 0, success: false, second: 104) == .offline(since: 100))
        #expect(tracker.isOffline(meter: 0) && tracker.offlineMeters == [0])
        // Announced once.
        #expect(tracker.observe(meter: 0, success: false, second: 105) == nil)
        #expect(tracker.observe(meter: 0, success: true, second: 130) == .online(at: 130, downSeconds: 30))
        #expect(!tracker.isOffline(meter: 0))
        #expect(tracker.observe(meter: 0, success: true, second: 131) == nil)
    }

    @Test func aSuccessBeforeTheLimitResetsTheCount() {
        var tracker = OfflineTracker(offlineAfterSeconds: 3)
        #expect(tracker.observe(meter: 2, success: false, second: 10) == nil)
        #expect(tracker.observe(meter: 2, success: false, second: 11) == nil)
        #expect(tracker.observe(meter: 2, success: true, second: 12) == nil)
        #expect(tracker.observe(meter: 2, success: false, second: 13) == nil)
        #expect(tracker.observe(meter: 2, success: false, second: 14) == nil)
        #expect(tracker.observe(meter: 2, success: false, second: 15) == .offline(since: 13))
    }

    @Test func slowPollsCountElapsedSecondsNotPolls() {
        var tracker = OfflineTracker(offlineAfterSeconds: 30)
        #expect(tracker.observe(meter: 0, success: false, second: 0) == nil)
        #expect(tracker.observe(meter: 0, success: false, second: 10) == nil)
        #expect(tracker.observe(meter: 0, success: false, second: 28) == nil)
        #expect(tracker.observe(meter: 0, success: false, second: 29) == .offline(since: 0))
    }

    @Test func oneSecondLimitAndIndependentMeters() {
        var tracker = OfflineTracker(offlineAfterSeconds: 1, meterCount: 2)
        #expect(tracker.observe(meter: 1, success: false, second: 5) == .offline(since: 5))
        #expect(tracker.observe(meter: 0, success: true, second: 5) == nil)
        #expect(tracker.observe(meter: 7, success: false, second: 6) == .offline(since: 6))
        #expect(tracker.offlineMeters == [1, 7])
        #expect(!tracker.isOffline(meter: 3) && !tracker.isOffline(meter: 99) && !tracker.isOffline(meter: -1))
        #expect(tracker.observe(meter: 1, success: true, second: 5) == .online(at: 5, downSeconds: 0))
    }
}
