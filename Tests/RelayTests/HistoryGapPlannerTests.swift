import Testing
@testable import cmmgate_relay

struct HistoryGapPlannerTests {
    @Test func aGapIsDueAfterTheDelayAndNotedOnce() {
        var planner = HistoryGapPlanner(delaySeconds: 60)
        #expect(planner.noteArrival(mn: "A", command: 2051, start: 120, previous: 60, period: 60, now: 0) == nil)
        #expect(planner.noteArrival(mn: "A", command: 2051, start: 120, previous: nil, period: 60, now: 0) == nil)
        let gap = planner.noteArrival(mn: "A", command: 2051, start: 600, previous: 120, period: 60, now: 1000)
        #expect(gap == HistoryGapPlanner.Gap(mn: "A", command: 2051, begin: 180, end: 540, period: 60, due: 61_000))
        #expect(planner.noteArrival(mn: "A", command: 2051, start: 600, previous: 120, period: 60, now: 2000) == nil)
        #expect(planner.nextDue == 61_000)
        #expect(planner.takeDue(now: 60_999).isEmpty)
        #expect(planner.takeDue(now: 61_000).count == 1)
        #expect(planner.nextDue == nil)
    }

    @Test func aLongGapIsCutToTheNewestPeriods() {
        var planner = HistoryGapPlanner(delaySeconds: 0, maxPeriodsPerPull: 10)
        let gap = planner.noteArrival(mn: "A", command: 2061, start: 100 * 3600, previous: 0, period: 3600, now: 0)
        #expect(gap?.begin == 90 * 3600 && gap?.end == 99 * 3600)
    }

    @Test func missingRunsAreTheHolesBetweenPresentPeriods() {
        let runs = HistoryGapPlanner.missingRuns(begin: 0, end: 540, period: 60, present: [120, 180, 420])
        #expect(runs == [0...60, 240...360, 480...540])
        #expect(HistoryGapPlanner.missingRuns(begin: 0, end: 120, period: 60, present: [0, 60, 120]).isEmpty)
        #expect(HistoryGapPlanner.missingRuns(begin: 0, end: 0, period: 60, present: []) == [0...0])
    }
}

extension HistoryGapPlannerTests {
    @Test func aDueGapWaitsWhileTheGatewaysBackfillRuns() {
        var planner = HistoryGapPlanner(delaySeconds: 10)
        planner.noteUpload(mn: "A", realtimeSecond: 1000, resend: false, now: 0)
        planner.noteArrival(mn: "A", command: 2051, start: 600, previous: 300, period: 60, now: 0)
        planner.noteUpload(mn: "A", realtimeSecond: 1001, resend: false, now: 5_000)   // live data: no backfill
        planner.noteUpload(mn: "A", realtimeSecond: 400, resend: false, now: 8_000)    // an older second: backfill
        #expect(planner.takeDue(now: 10_000).isEmpty && planner.nextDue == 18_000)
        planner.noteUpload(mn: "B", realtimeSecond: 5, resend: true, now: 17_000)      // another site's resend
        #expect(planner.takeDue(now: 18_000).map(\.begin) == [360])
    }
}
