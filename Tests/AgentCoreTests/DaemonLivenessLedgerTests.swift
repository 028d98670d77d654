import AgentCore
import AgentTesting
import FieldBus
import Testing

@Suite("DaemonLivenessLedger")
struct DaemonLivenessLedgerTests {
    @Test func aLoopIsOverdueOnlyStrictlyPastItsBudget() {
        let clock = ManualClock()
        var ledger = LivenessLedger()
        ledger.register(loop: "poller bus1", budgetMilliseconds: 10_000, now: clock.now())
        #expect(ledger.isHealthy(now: clock.now()))
        clock.advance(milliseconds: 10_000)
        #expect(ledger.overdue(now: clock.now()).isEmpty, "exactly at the budget is in time")
        clock.advance(microseconds: 1)
        #expect(ledger.overdue(now: clock.now()) == ["poller bus1"])
        #expect(!ledger.isHealthy(now: clock.now()))
        ledger.report(loop: "poller bus1", now: clock.now())
        #expect(ledger.isHealthy(now: clock.now()))
    }

    @Test func eachLoopHasItsOwnBudgetAndOverdueLoopsAreListedInRegistrationOrder() {
        let clock = ManualClock()
        var ledger = LivenessLedger()
        ledger.register(loop: "journal", budgetMilliseconds: 3_000, now: clock.now())
        ledger.register(loop: "poller bus1", budgetMilliseconds: 10_000, now: clock.now())
        ledger.register(loop: "poller bus2", budgetMilliseconds: 2_000, now: clock.now())
        clock.advance(milliseconds: 2_500)
        #expect(ledger.overdue(now: clock.now()) == ["poller bus2"])
        ledger.report(loop: "poller bus2", now: clock.now())
        clock.advance(milliseconds: 1_000)
        #expect(ledger.overdue(now: clock.now()) == ["journal"])
        clock.advance(milliseconds: 10_000)
        #expect(ledger.overdue(now: clock.now()) == ["journal", "poller bus1", "poller bus2"])
        #expect(ledger.loops == ["journal", "poller bus1", "poller bus2"])
    }

    @Test func aHungLoopStaysOverdueWhileTheOthersKeepReporting() {
        let clock = ManualClock()
        var ledger = LivenessLedger()
        for name in ["journal", "poller bus1", "poller bus2"] {
            ledger.register(loop: name, budgetMilliseconds: 5_000, now: clock.now())
        }
        for _ in 0..<20 {
            clock.advance(milliseconds: 1_000)
            ledger.report(loop: "journal", now: clock.now())
            ledger.report(loop: "poller bus1", now: clock.now())  // bus2 hangs
        }
        #expect(ledger.overdue(now: clock.now()) == ["poller bus2"])
        let status = ledger.status(now: clock.now())
        #expect(status.map(\.overdue) == [false, false, true])
        #expect(status[2].millisecondsSinceReport == 20_000)
        #expect(status[2].budgetMilliseconds == 5_000)
    }

    @Test func reRegisteringRestartsTheBudgetAndUnregisteringStopsWatching() {
        let clock = ManualClock()
        var ledger = LivenessLedger()
        ledger.register(loop: "poller bus1", budgetMilliseconds: 1_000, now: clock.now())
        clock.advance(milliseconds: 5_000)
        #expect(!ledger.isHealthy(now: clock.now()))
        ledger.register(loop: "poller bus1", budgetMilliseconds: 2_000, now: clock.now())
        #expect(ledger.isHealthy(now: clock.now()))
        #expect(ledger.loops == ["poller bus1"])
        clock.advance(milliseconds: 3_000)
        ledger.unregister(loop: "poller bus1")
        #expect(ledger.isHealthy(now: clock.now()))
        #expect(ledger.loops.isEmpty)
    }

    @Test func reportsForUnknownLoopsAndOlderReportsChangeNothing() {
        let clock = ManualClock()
        var ledger = LivenessLedger()
        let unknown = ledger.report(loop: "nobody", now: clock.now())
        #expect(!unknown)
        #expect(ledger.loops.isEmpty)
        let start = clock.now()
        ledger.register(loop: "journal", budgetMilliseconds: 1_000, now: start)
        clock.advance(milliseconds: 900)
        let known = ledger.report(loop: "journal", now: clock.now())
        let older = ledger.report(loop: "journal", now: start)  // a late-arriving older report
        #expect(known && older)
        clock.advance(milliseconds: 900)
        #expect(ledger.isHealthy(now: clock.now()), "measured from the newer report")
    }
}
