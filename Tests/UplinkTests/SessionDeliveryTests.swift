import Testing
import Uplink
import Wire

/// Delivery with Flag bit A: a record counts as delivered only on the 9014 with its QN, and the
/// journal cursor never passes a record that is not delivered.
struct SessionDeliveryTests {
    typealias F = SessionFixtures

    @Test func connectsAtTheFirstEventAndReadsTheBacklogFromTheCursor() {
        var harness = SessionHarness(F.settings(), acknowledged: 41)
        #expect(harness.handle(.tick) == [.connect])
        let actions = harness.handle(.connected)
        #expect(actions.fetches == [UplinkAction.BacklogFetch(after: 41, limit: 32, resend: false)])
    }

    @Test func aLiveRecordIsDeliveredOnlyByThe9014WithItsQN() throws {
        var harness = SessionHarness(F.settings())
        _ = harness.connect()
        _ = harness.handle(.fetched(UplinkBatch(after: 0, through: 0, messages: [], reachedEnd: true)))
        let sent = harness.handle(.appended(UplinkBatch(after: 0, through: 1, messages: [F.realtime(1, second: 1_717_200_000)],
                                                        reachedEnd: true))).sent
        let frame = try #require(sent.first)
        #expect(sent.count == 1)
        #expect(frame.header.flag?.rawValue == 5, "HJ 212-2017, A set")
        #expect(frame.header.qn?.count == 17 && frame.header.pw == F.password && !frame.header.resend)

        let wrong = harness.handle(F.reply("20240601080000999"))
        #expect(wrong.journalAcks.isEmpty, "a 9014 with another QN delivers nothing")
        let right = harness.handle(F.reply(frame.header.qn))
        #expect(right.journalAcks == [1])
        #expect(harness.session.acknowledgedSequence == 1 && harness.session.framesInFlight == 0)
        #expect(harness.handle(F.reply(frame.header.qn)).journalAcks.isEmpty, "a second 9014 changes nothing")
    }

    @Test func theCursorNeverPassesAnUnacknowledgedRecord() throws {
        var harness = SessionHarness(F.settings())
        _ = harness.connect()
        let messages = (1...3).map { F.realtime(UInt64($0), second: 1_717_200_000 + Int64($0)) }
        let sent = harness.handle(.fetched(UplinkBatch(after: 0, through: 3, messages: messages, reachedEnd: true))).sent
        #expect(sent.count == 3)
        #expect(harness.handle(F.reply(sent[2].header.qn)).journalAcks.isEmpty)
        #expect(harness.handle(F.reply(sent[1].header.qn)).journalAcks.isEmpty)
        #expect(harness.handle(F.reply(sent[0].header.qn)).journalAcks == [3], "one ack fills the gap: cursor to 3")
    }

    @Test func recordsWithoutAMessageAreSettledWithTheirNeighbours() throws {
        var harness = SessionHarness(F.settings(), acknowledged: 10)
        _ = harness.connect()
        // 11 and 13 make messages; 12, 14 and 15 do not (records the uplink does not send).
        let batch = UplinkBatch(after: 10, through: 15, messages: [F.realtime(11, second: 1_717_200_011),
                                                                   F.realtime(13, second: 1_717_200_013)], reachedEnd: true)
        let sent = harness.handle(.fetched(batch)).sent
        #expect(sent.count == 2)
        #expect(harness.handle(F.reply(sent[1].header.qn)).journalAcks.isEmpty)
        #expect(harness.handle(F.reply(sent[0].header.qn)).journalAcks == [15])
    }

    @Test func aSplitMessageSendsEachPartAfterThePreviousPartsAck() throws {
        var harness = SessionHarness(F.settings(.hj212_2025))
        _ = harness.connect()
        _ = harness.handle(.fetched(UplinkBatch(after: 0, through: 0, messages: [], reachedEnd: true)))
        let first = harness.handle(.appended(UplinkBatch(after: 0, through: 1, messages: [F.realtime(1, second: 1_717_200_001, parts: 2)],
                                                         reachedEnd: true))).sent
        #expect(first.count == 1 && first[0].header.packetNumber == 1 && first[0].header.flag?.rawValue == 11)
        let second = harness.handle(F.reply(first[0].header.qn))
        #expect(second.journalAcks.isEmpty, "half a message is not delivered")
        let part2 = try #require(second.sent.first)
        #expect(part2.header.packetNumber == 2 && part2.header.qn != first[0].header.qn)
        #expect(harness.handle(F.reply(part2.header.qn)).journalAcks == [1])
    }

    @Test func qnsStrictlyIncreaseWithinOneMillisecond() {
        var harness = SessionHarness(F.settings(backlogWindow: 32))
        _ = harness.connect()
        let messages = (1...20).map { F.realtime(UInt64($0), second: 1_717_200_000 + Int64($0)) }
        let sent = harness.handle(.fetched(UplinkBatch(after: 0, through: 20, messages: messages, reachedEnd: true))).sent
        let qns = sent.compactMap(\.header.qn)
        #expect(qns.count == 20)
        #expect(zip(qns, qns.dropFirst()).allSatisfy { $0 < $1 })
        #expect(qns.first == "20240601080000000", "QN is the local time (UTC+8) in ms")
    }

    @Test func thePasswordSetByThePlatformGoesInEveryLaterFrame() throws {
        var harness = SessionHarness(F.settings())
        _ = harness.connect()
        let replies = harness.handle(F.request(1072, [.newPassword("654321")])).sent
        #expect(replies.map(\.header.pw) == [F.password, F.password], "9011/9012 still carry the old password")
        let sent = harness.handle(.fetched(UplinkBatch(after: 0, through: 1, messages: [F.realtime(1, second: 1_717_200_001)],
                                                      reachedEnd: true))).sent
        #expect(sent.first?.header.pw == "654321")
    }
}
