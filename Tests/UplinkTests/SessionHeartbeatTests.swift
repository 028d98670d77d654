import Testing
import Uplink
import Wire

/// The 2025 heartbeat (CN 9015): only in that profile, only after `heartbeatSeconds` without a
/// frame, answered by 9013 and timed like any upload.
struct SessionHeartbeatTests {
    typealias F = SessionFixtures

    func connected(_ settings: UplinkSessionSettings) -> SessionHarness {
        var harness = SessionHarness(settings)
        _ = harness.connect()
        _ = harness.handle(.fetched(UplinkBatch(after: 0, through: 0, messages: [], reachedEnd: true)))
        return harness
    }

    @Test func sentOnAnIdleLinkIn2025() throws {
        var harness = connected(F.settings(.hj212_2025, heartbeat: 30))
        #expect(harness.advance(29_999).sent.isEmpty)
        let beat = try #require(harness.advance(1).sent.first)
        #expect(beat.header.cn == "9015" && beat.header.flag?.rawValue == 9 && beat.cp.items.isEmpty)
        _ = harness.handle(F.reply(beat.header.qn, command: .notifyReply))
        #expect(harness.session.framesInFlight == 0)
        #expect(harness.advance(29_999).sent.isEmpty, "the next one 30 s after this one")
        #expect(harness.advance(1).sent.first?.header.cn == "9015")
    }

    @Test func notSentWhileDataFlows() {
        var harness = connected(F.settings(.hj212_2025, heartbeat: 30))
        var commands: [Int] = []
        for second in 1...90 {
            let sequence = UInt64(second)
            let message = F.realtime(sequence, second: F.wallAtZero / 1000 + Int64(second))
            harness.monotonic += 1000
            let actions = harness.handle(.appended(UplinkBatch(after: sequence - 1, through: sequence, messages: [message],
                                                               reachedEnd: true)))
            commands += actions.commands
            for frame in actions.sent { _ = harness.handle(F.reply(frame.header.qn)) }
        }
        #expect(!commands.contains(9015) && commands.count == 90)
    }

    @Test func neverIn2017() {
        var harness = connected(F.settings(.hj212_2017, heartbeat: 30))
        #expect(harness.session.settings.heartbeatSeconds == nil)
        var sent: [HJ212DataSegment] = []
        for _ in 0..<30 { sent += harness.advance(10_000).sent }
        #expect(sent.isEmpty)
    }

    @Test func anUnansweredHeartbeatTakesTheLinkDown() {
        var harness = connected(F.settings(.hj212_2025, overTime: 5, reCount: 2, heartbeat: 30))
        #expect(harness.advance(30_000).commands == [9015])
        #expect(harness.advance(5_000).commands == [9015])
        #expect(harness.advance(5_000).commands == [9015])
        #expect(harness.advance(5_000).closes.count == 1)
    }
}
