import AgentCore
import AgentTesting
import FieldBus
import Testing

@Suite("DaemonWatchdogKeeper")
struct DaemonWatchdogKeeperTests {
    /// Ticks once a second for `seconds`, returning the non-nil actions with their second.
    private func run(_ keeper: inout WatchdogKeeper, _ clock: ManualClock, seconds: Int,
                     healthy: (Int) -> Bool = { _ in true }) -> [(Int, WatchdogAction)] {
        var actions: [(Int, WatchdogAction)] = []
        for second in 0..<seconds {
            if second > 0 { clock.advance(milliseconds: 1_000) }
            let ok = healthy(second)
            if let action = keeper.tick(now: clock.now(), healthy: ok, overdueLoops: ok ? [] : ["poller bus2"]) {
                actions.append((second, action))
            }
        }
        return actions
    }

    @Test func kicksAtOnceThenAtHalfTheTimeout() {
        let clock = ManualClock()
        var keeper = WatchdogKeeper(timeoutMilliseconds: 30_000, magicCloseOnOrderlyStop: false)
        #expect(keeper.kickIntervalMilliseconds == 15_000)
        let actions = run(&keeper, clock, seconds: 61)
        #expect(actions.map(\.0) == [0, 15, 30, 45, 60])
        #expect(actions.allSatisfy { $0.1 == .kick })
    }

    @Test func aLateTickKicksAtOnceAndTheIntervalCountsFromThatKick() {
        let clock = ManualClock()
        var keeper = WatchdogKeeper(timeoutMilliseconds: 10_000, magicCloseOnOrderlyStop: false)
        #expect(keeper.tick(now: clock.now(), healthy: true) == .kick)
        clock.advance(milliseconds: 4_999)
        #expect(keeper.tick(now: clock.now(), healthy: true) == nil)
        clock.advance(milliseconds: 2_000)  // the main loop was late
        #expect(keeper.tick(now: clock.now(), healthy: true) == .kick)
        clock.advance(milliseconds: 4_999)
        #expect(keeper.tick(now: clock.now(), healthy: true) == nil)
        clock.advance(milliseconds: 1)
        #expect(keeper.tick(now: clock.now(), healthy: true) == .kick)
    }

    @Test func anOverdueLoopStopsKicksForGoodAndIsReportedOnce() {
        let clock = ManualClock()
        var keeper = WatchdogKeeper(timeoutMilliseconds: 10_000, magicCloseOnOrderlyStop: true)
        // Unhealthy from second 12 to 14, healthy again afterwards: still no kick.
        let actions = run(&keeper, clock, seconds: 40) { !(12...14).contains($0) }
        #expect(actions.map(\.0) == [0, 5, 10, 12])
        #expect(actions.last?.1 == .withhold(overdueLoops: ["poller bus2"]))
        #expect(keeper.state == .withholding)
        #expect(keeper.stop(orderly: true) == .close(magic: false), "a hang must still end in a reset")
    }

    @Test func followsTheLedger() {
        let clock = ManualClock()
        var ledger = LivenessLedger()
        ledger.register(loop: "journal", budgetMilliseconds: 2_000, now: clock.now())
        ledger.register(loop: "poller bus1", budgetMilliseconds: 2_000, now: clock.now())
        var keeper = WatchdogKeeper(timeoutMilliseconds: 4_000, magicCloseOnOrderlyStop: false)
        var kicks = 0
        var withheld: [[String]] = []
        for second in 0..<10 {
            if second > 0 { clock.advance(milliseconds: 1_000) }
            ledger.report(loop: "journal", now: clock.now())
            if second < 3 { ledger.report(loop: "poller bus1", now: clock.now()) }  // hangs after second 2
            switch keeper.tick(now: clock.now(), ledger: ledger) {
            case .kick: kicks += 1
            case .withhold(let loops): withheld.append(loops)
            case .close, nil: break
            }
        }
        #expect(kicks == 3, "seconds 0, 2, 4: bus1 last reported at 2, overdue after 4")
        #expect(withheld == [["poller bus1"]])
    }

    @Test func magicCloseOnlyOnAnOrderlyStopAndOnlyWhenConfigured() {
        for (configured, orderly, magic) in [(true, true, true), (true, false, false),
                                            (false, true, false), (false, false, false)] {
            var keeper = WatchdogKeeper(timeoutMilliseconds: 10_000, magicCloseOnOrderlyStop: configured)
            #expect(keeper.tick(now: .zero, healthy: true) == .kick)
            #expect(keeper.stop(orderly: orderly) == .close(magic: magic))
            #expect(keeper.stop(orderly: orderly) == nil, "closed once")
            #expect(keeper.tick(now: MonotonicInstant(nanoseconds: 60_000_000_000), healthy: true) == nil)
        }
    }

    @Test func aTinyTimeoutStillHasAnInterval() {
        var keeper = WatchdogKeeper(timeoutMilliseconds: 0, magicCloseOnOrderlyStop: false)
        #expect(keeper.kickIntervalMilliseconds == 1)
        #expect(keeper.tick(now: .zero, healthy: true) == .kick)
        #expect(keeper.tick(now: .zero, healthy: true) == nil)
    }
}
