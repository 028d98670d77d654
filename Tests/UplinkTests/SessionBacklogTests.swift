import Testing
import Uplink
import Wire

/// Real-time first: after an outage the backlog drains, paced, while real-time keeps its
/// cadence; nothing skipped or delivered twice across reconnections and restarts.
struct SessionBacklogTests {
    typealias F = SessionFixtures

    @Test func realtimeKeepsItsCadenceWhileAPacedBacklogDrains() {
        var world = SessionWorld(F.settings(.hj212_2025, backlogPerSecond: 20), backlog: 300)
        world.runFor(seconds: 10)
        let backlogFrames = world.received.filter(\.resend)
        let liveFrames = world.received.filter { !$0.resend }
        #expect(liveFrames.count == world.messageSequences.filter { $0 > 300 }.count, "each second's record went live")
        for frame in liveFrames {
            #expect(world.firstSentAt[frame.tag] == world.appendedAt[frame.tag], "sent the moment it was journaled")
        }
        for second in 1...10 {
            let by = Int64(second) * 1000
            #expect(backlogFrames.filter { $0.at <= by }.count <= 20 + 20 * second, "paced at 20/s after a 1 s burst")
        }
        #expect(backlogFrames.count >= 180, "the backlog made progress: \(backlogFrames.count)")
        #expect(backlogFrames.allSatisfy { $0.tag <= 300 } && liveFrames.allSatisfy { $0.tag > 300 })
        #expect(world.cursor < 300, "the cursor waits for the backlog")
        world.runFor(seconds: 10)
        world.expectEverythingDeliveredOnce()
    }

    @Test func in2017NoFrameCarriesRF() {
        var world = SessionWorld(F.settings(.hj212_2017), backlog: 50)
        world.runFor(seconds: 3)
        #expect(world.received.allSatisfy { !$0.resend })
        world.expectEverythingDeliveredOnce()
    }

    @Test func aFrameDroppedBeforeItsAckIsResentAfterTheReconnection() {
        var world = SessionWorld(F.settings(.hj212_2025), backlog: 0)
        world.runFor(seconds: 5)
        world.expectEverythingDeliveredOnce()
        world.dropBeforeNextAck = true
        world.runFor(seconds: 1)
        let dropped = world.received.last?.tag
        #expect(dropped == 6 && world.deliveredCount[6] == nil)
        world.platformUp = false
        world.runFor(seconds: 5)
        world.platformUp = true
        world.runFor(seconds: 20)
        #expect(world.received.filter { $0.tag == 6 }.count == 2, "received, not acknowledged, sent again")
        #expect(world.received.filter { $0.tag == 6 }.last?.resend == true)
        world.expectEverythingDeliveredOnce()
    }

    @Test func aLinkThatStallsIsGivenUpAfterReCountAndTheBacklogCatchesUp() {
        var world = SessionWorld(F.settings(.hj212_2025, overTime: 2, reCount: 2), backlog: 20)
        world.runFor(seconds: 3)
        world.linkUp = false  // frames vanish, no RST, no 9014
        world.runFor(seconds: 12)
        world.linkUp = true
        world.runFor(seconds: 20)
        world.expectEverythingDeliveredOnce()
    }

    @Test func aRestartResumesFromTheJournalCursor() {
        let settings = F.settings(.hj212_2025, backlogPerSecond: 10)
        var world = SessionWorld(settings, backlog: 100)
        world.runFor(seconds: 4)
        let cursor = world.cursor
        #expect(cursor > 0 && cursor < world.head)
        // The process dies: frames in flight and the session's memory are gone, the journal stays.
        world.harness = SessionHarness(settings, acknowledged: cursor)
        world.harness.monotonic = 50_000
        let before = world.received.count
        world.runFor(seconds: 20)
        let after = world.received[before...]
        #expect(after.allSatisfy { $0.tag > cursor }, "nothing at or below the cursor is sent again")
        #expect(world.cursor == world.head)
        let missing = world.messageSequences.filter { world.deliveredCount[$0] == nil }
        #expect(missing.isEmpty)
    }

    @Test func aLiveBatchThatDoesNotFitIsLeftToTheBacklog() throws {
        var settings = F.settings(.hj212_2025, liveWindow: 1)
        settings.liveQueueLimit = 1
        var harness = SessionHarness(settings)
        _ = harness.connect()
        _ = harness.handle(.fetched(UplinkBatch(after: 0, through: 0, messages: [], reachedEnd: true)))
        func live(_ sequence: UInt64) -> UplinkEvent {
            .appended(UplinkBatch(after: sequence - 1, through: sequence,
                                  messages: [F.realtime(sequence, second: 1_717_200_000 + Int64(sequence))], reachedEnd: true))
        }
        let first = try #require(harness.handle(live(1)).sent.first)
        #expect(harness.handle(live(2)).sent.isEmpty, "queued behind the frame in flight")
        let third = harness.handle(live(3))
        #expect(third.sent.isEmpty && third.fetches == [UplinkAction.BacklogFetch(after: 0, limit: 32, resend: true)],
                "the batch that does not fit goes to the backlog, which reads again")
        let afterAck = harness.handle(F.reply(first.header.qn))
        #expect(afterAck.journalAcks == [1] && afterAck.sent.map(\.tag) == [2] && afterAck.sent[0].header.resend == false)
        let page = harness.handle(.fetched(UplinkBatch(after: 0, through: 3, messages: (1...3).map {
            F.realtime($0, second: 1_717_200_000 + Int64($0)) }, reachedEnd: true)))
        #expect(page.sent.map(\.tag) == [3] && page.sent[0].header.resend, "3 from the backlog, RF=1; 1 and 2 skipped")
    }

    @Test func realtimeRecordsOffTheRtdIntervalAreNotSentButPassed() {
        var harness = SessionHarness(F.settings())
        _ = harness.connect()
        _ = harness.handle(F.request(1062, [.realtimeInterval(5)]))
        let messages = (1...10).map { F.realtime(UInt64($0), second: 1_717_200_000 + Int64($0)) }
        let sent = harness.handle(.fetched(UplinkBatch(after: 0, through: 10, messages: messages, reachedEnd: true))).sent
        #expect(sent.map(\.tag) == [5, 10])
        _ = harness.handle(F.reply(sent[0].header.qn))
        #expect(harness.handle(F.reply(sent[1].header.qn)).journalAcks == [10])
    }
}
