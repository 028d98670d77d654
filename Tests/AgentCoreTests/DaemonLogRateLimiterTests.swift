import AgentCore
import AgentTesting
import FieldBus
import Testing

@Suite("DaemonLogRateLimiter")
struct DaemonLogRateLimiterTests {
    @Test func aBurstPassesThenLinesAreSuppressedAndCounted() {
        let clock = ManualClock()
        var limiter = LogRateLimiter(burst: 3, refillPerMinute: 6)
        let decisions = (0..<6).map { _ in limiter.admit(source: "meter 3", now: clock.now()) }
        #expect(decisions == [.emit, .emit, .emit, .suppress, .suppress, .suppress])
        #expect(limiter.pendingSuppressed(source: "meter 3") == 3)
        clock.advance(milliseconds: 9_999)
        #expect(limiter.admit(source: "meter 3", now: clock.now()) == .suppress, "one token per 10 s")
        clock.advance(milliseconds: 1)
        #expect(limiter.admit(source: "meter 3", now: clock.now()) == .emitWithSuppressedCount(4))
        #expect(limiter.pendingSuppressed(source: "meter 3") == 0)
        #expect(limiter.admit(source: "meter 3", now: clock.now()) == .suppress)
    }

    @Test func aDeadMeterLoggingEverySecondWritesAtTheRefillRate() {
        let clock = ManualClock()
        var limiter = LogRateLimiter(burst: 5, refillPerMinute: 2)
        var written = 0
        var reportedSuppressed = 0
        for second in 0..<3_600 {
            if second > 0 { clock.advance(milliseconds: 1_000) }
            switch limiter.admit(source: "meter 3", now: clock.now()) {
            case .emit: written += 1
            case .emitWithSuppressedCount(let count):
                written += 1
                reportedSuppressed += count
            case .suppress: break
            }
        }
        // 5 at once, then one every 30 s counted from the first line (at 30, 60, …, 3570 s).
        #expect(written == 5 + 119)
        #expect(written + reportedSuppressed + limiter.pendingSuppressed(source: "meter 3") == 3_600)
    }

    @Test func fractionsOfATokenCarryOverBetweenLines() {
        let clock = ManualClock()
        var limiter = LogRateLimiter(burst: 1, refillPerMinute: 1)
        #expect(limiter.admit(source: "bus", now: clock.now()) == .emit)
        for _ in 0..<59 {
            clock.advance(milliseconds: 1_000)
            #expect(limiter.admit(source: "bus", now: clock.now()) == .suppress)
        }
        clock.advance(milliseconds: 1_000)
        #expect(limiter.admit(source: "bus", now: clock.now()) == .emitWithSuppressedCount(59))
    }

    @Test func sourcesHaveSeparateBucketsAndABucketRefillsOnlyToTheBurst() {
        let clock = ManualClock()
        var limiter = LogRateLimiter(burst: 2, refillPerMinute: 60)
        #expect(limiter.admit(source: "a", now: clock.now()) == .emit)
        #expect(limiter.admit(source: "a", now: clock.now()) == .emit)
        #expect(limiter.admit(source: "a", now: clock.now()) == .suppress)
        #expect(limiter.admit(source: "b", now: clock.now()) == .emit)
        clock.advance(milliseconds: 3_600_000)
        let decisions = (0..<3).map { _ in limiter.admit(source: "a", now: clock.now()) }
        #expect(decisions == [.emitWithSuppressedCount(1), .emit, .suppress])
    }

    @Test func noRefillMeansOnlyTheBurstEver() {
        let clock = ManualClock()
        var limiter = LogRateLimiter(burst: 1, refillPerMinute: 0)
        #expect(limiter.admit(source: "a", now: clock.now()) == .emit)
        clock.advance(milliseconds: 86_400_000)
        #expect(limiter.admit(source: "a", now: clock.now()) == .suppress)
    }

    @Test func idleSourcesAreForgottenBeyondTheLimitButSuppressedCountsAreKept() {
        let clock = ManualClock()
        var limiter = LogRateLimiter(burst: 1, refillPerMinute: 60, sourceLimit: 4)
        _ = limiter.admit(source: "busy", now: clock.now())
        _ = limiter.admit(source: "busy", now: clock.now())  // suppressed: must not be forgotten
        for index in 0..<10 {
            clock.advance(milliseconds: 2_000)
            _ = limiter.admit(source: "once \(index)", now: clock.now())
        }
        #expect(limiter.trackedSources <= 4)
        #expect(limiter.pendingSuppressed(source: "busy") == 1)
    }
}
