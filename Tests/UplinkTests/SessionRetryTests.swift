import Testing
import Uplink
import Wire

/// OverTime/ReCount: resend after OverTime up to ReCount times, then the link is down; reconnect
/// with a back-off that doubles up to its cap and starts over once a frame is acknowledged.
struct SessionRetryTests {
    typealias F = SessionFixtures

    /// A connected harness with record 1 sent from the backlog; returns it and the frame.
    func oneFrameInFlight(_ settings: UplinkSessionSettings) -> (SessionHarness, HJ212DataSegment?) {
        var harness = SessionHarness(settings)
        _ = harness.connect()
        let sent = harness.handle(.fetched(UplinkBatch(after: 0, through: 1, messages: [F.realtime(1, second: 1_717_200_001)],
                                                      reachedEnd: true))).sent
        return (harness, sent.first)
    }

    @Test func resendsTheSameFrameAfterOverTimeThenClosesAfterReCount() throws {
        var (harness, sent) = oneFrameInFlight(F.settings(overTime: 5, reCount: 3))
        let frame = try #require(sent)
        #expect(harness.advance(4_999).sent.isEmpty, "not before OverTime")
        for attempt in 1...3 {
            let resent = harness.advance(attempt == 1 ? 1 : 5_000)
            #expect(resent.sent == [frame], "resend \(attempt): the same segment, the same QN")
            #expect(resent.closes.isEmpty)
        }
        let down = harness.advance(5_000)
        #expect(down.closes.count == 1 && down.sent.isEmpty)
        #expect(harness.session.link == .disconnected(retryAt: harness.monotonic + 1_000))
        #expect(harness.session.framesInFlight == 0 && harness.session.acknowledgedSequence == 0)
    }

    @Test func aLateAckOfAResentFrameStillCounts() throws {
        var (harness, sent) = oneFrameInFlight(F.settings(overTime: 5, reCount: 3))
        let frame = try #require(sent)
        _ = harness.advance(5_000)
        _ = harness.advance(5_000)
        #expect(harness.handle(F.reply(frame.header.qn)).journalAcks == [1])
    }

    @Test func reconnectsWithADoublingBackOffUpToItsCap() {
        var harness = SessionHarness(F.settings())
        _ = harness.connect()
        var delays: [Int64] = []
        for _ in 0..<6 {
            _ = harness.handle(.disconnected(reason: "reset by peer"))
            guard case .disconnected(let retryAt?) = harness.session.link else { Issue.record("not down"); return }
            delays.append(retryAt - harness.monotonic)
            #expect(harness.advance(retryAt - harness.monotonic - 1).isEmpty, "no attempt before the delay")
            #expect(harness.advance(1).contains(.connect))
        }
        #expect(delays == [1_000, 2_000, 4_000, 8_000, 8_000, 8_000])
    }

    @Test func anAcknowledgedFrameResetsTheBackOff() throws {
        var harness = SessionHarness(F.settings())
        _ = harness.connect()
        for _ in 0..<3 {
            _ = harness.handle(.disconnected(reason: "refused"))
            _ = harness.advance(10_000)
        }
        let sent = harness.handle(.connected).sent
        #expect(sent.isEmpty)
        let frames = harness.handle(.fetched(UplinkBatch(after: 0, through: 1, messages: [F.realtime(1, second: 1_717_200_001)],
                                                        reachedEnd: true))).sent
        _ = harness.handle(F.reply(frames.first?.header.qn))
        _ = harness.handle(.disconnected(reason: "reset"))
        #expect(harness.session.link == .disconnected(retryAt: harness.monotonic + 1_000))
    }

    @Test func aConnectionAttemptThatHangsTimesOut() {
        var harness = SessionHarness(F.settings())
        #expect(harness.handle(.tick) == [.connect])
        #expect(harness.advance(9_999).isEmpty)
        let actions = harness.advance(1)
        #expect(actions.closes.count == 1)
        #expect(harness.session.link == .disconnected(retryAt: harness.monotonic + 1_000))
    }

    @Test func cn1000SetsOverTimeAndReCount() throws {
        var harness = SessionHarness(F.settings(overTime: 5, reCount: 3))
        _ = harness.connect()
        let replies = harness.handle(F.request(1000, [.overTime(20), .reCount(1)]))
        #expect(replies.commands == [9011, 9012])
        #expect(replies.sent.last?.cpValue("ExeRtn") == "1")
        #expect(replies.contains { if case .settingsChanged(let s) = $0 { s.overTimeSeconds == 20 && s.reCount == 1 } else { false } })
        let frame = try #require(harness.handle(.fetched(UplinkBatch(after: 0, through: 1, messages: [F.realtime(1, second: 1_717_200_001)],
                                                                    reachedEnd: true))).sent.first)
        #expect(harness.advance(19_999).sent.isEmpty, "OverTime is 20 s now")
        #expect(harness.advance(1).sent == [frame], "one resend (ReCount 1)")
        #expect(harness.advance(20_000).closes.count == 1, "then the link is down")
    }

    @Test func cn1000OutOfRangeIsAConditionError() {
        var harness = SessionHarness(F.settings(overTime: 5, reCount: 3))
        _ = harness.connect()
        for cp: [CPField] in [[.overTime(0)], [.reCount(100)], [], [.other(name: "OverTime", value: "x")]] {
            let replies = harness.handle(F.request(1000, cp)).sent
            #expect(replies.map { $0.cpValue("QnRtn") ?? $0.cpValue("ExeRtn") } == ["1", "3"])
        }
        #expect(harness.session.settings.overTimeSeconds == 5 && harness.session.settings.reCount == 3)
    }
}
