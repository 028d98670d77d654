import Testing
import Uplink
import Wire

/// Memory stays bounded whatever the daemon and the platform do: no queue grows with the
/// backlog, the live feed or the platform's input.
struct SessionBoundsTests {
    typealias F = SessionFixtures

    static func record(_ sequence: UInt64) -> UplinkMessage { F.realtime(sequence, second: 1_717_200_000 + Int64(sequence)) }

    @Test func aLiveFloodOnASlowLinkKeepsEveryQueueBounded() {
        var settings = F.settings(.hj212_2025, overTime: 99, reCount: 99, liveWindow: 2, backlogWindow: 4, fetchLimit: 8)
        settings.liveQueueLimit = 4
        var harness = SessionHarness(settings)
        var pending = harness.connect().fetches
        var unacked: [String] = []
        for sequence in UInt64(1)...20_000 {
            harness.monotonic += 1
            var actions = harness.handle(.appended(UplinkBatch(after: sequence - 1, through: sequence,
                                                               messages: [Self.record(sequence)], reachedEnd: true)))
            // The platform acknowledges one frame in three, oldest first; one read is answered per record.
            if sequence % 3 == 0, !unacked.isEmpty { actions += harness.handle(F.reply(unacked.removeFirst())) }
            pending += actions.fetches
            if let fetch = pending.last {
                pending.removeAll()
                let upper = min(fetch.after + UInt64(fetch.limit), sequence)
                let messages = fetch.after < upper ? (fetch.after + 1...upper).map(Self.record) : []
                actions += harness.handle(.fetched(UplinkBatch(after: fetch.after, through: upper, messages: messages,
                                                               reachedEnd: upper == sequence)))
                pending += actions.fetches.filter { $0 != fetch }
            }
            unacked = Array((unacked + actions.sent.compactMap(\.header.qn)).suffix(64))
            #expect(harness.session.framesInFlight <= 2 + 4 + 1)
            #expect(harness.session.messagesHeld <= 4 + 8)
            #expect(harness.session.settledRanges <= 160)
        }
        #expect(harness.session.acknowledgedSequence > 1000, "delivery progressed: \(harness.session.acknowledgedSequence)")
    }

    @Test func anOversizedReadIsCutToTheLimitWithoutSkipping() {
        var harness = SessionHarness(F.settings(backlogWindow: 2, fetchLimit: 4))
        _ = harness.connect()
        let messages = (1...50).map(Self.record)
        var events: [UplinkEvent] = [.fetched(UplinkBatch(after: 0, through: 50, messages: messages, reachedEnd: true))]
        var delivered: [UInt64] = []
        var steps = 0
        while !events.isEmpty, steps < 10_000 {
            steps += 1
            for action in harness.handle(events.removeFirst()) {
                switch action {
                case .send(let segment):
                    delivered.append(segment.tag ?? 0)
                    events.append(F.reply(segment.header.qn))
                case .fetch(let fetch):
                    // Every read returns everything after `after`, far more than asked.
                    events.append(.fetched(UplinkBatch(after: fetch.after, through: 50,
                                                       messages: messages.filter { $0.sequence > fetch.after }, reachedEnd: true)))
                default:
                    break
                }
            }
            #expect(harness.session.messagesHeld <= 4)
        }
        #expect(delivered == Array(1...50), "every record once, in order")
        #expect(harness.session.acknowledgedSequence == 50)
    }

    @Test func garbageFromThePlatformNeverCrashesAndRequestsAreAnswered() {
        var harness = SessionHarness(F.settings(.hj212_2025, heartbeat: 5))
        _ = harness.connect()
        var generator = SeededGenerator(state: 0x5EED_0006)
        let names = ["QnRtn", "ExeRtn", "OverTime", "ReCount", "RtdInterval", "MinInterval", "NewPW", "BeginTime", "EndTime",
                     "SystemTime", "NewSK", "PolId", "x"]
        let values = ["", "0", "1", "99", "100", "-1", "20240601080000", "20241361080000", "a b", "999999999"]
        let commands = [1000, 1011, 1012, 1014, 1061, 1062, 1063, 1064, 1072, 2031, 2051, 2061, 9011, 9012, 9013, 9014,
                        9015, 3011, 0, 9999]
        for _ in 0..<5_000 {
            let cn = commands.randomElement(using: &generator) ?? 0
            let fields = (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                CPField.classify(name: names.randomElement(using: &generator) ?? "x",
                                 value: values.randomElement(using: &generator) ?? "").field
            }
            harness.monotonic += Int64.random(in: 0..<3000, using: &generator)
            let qn = Bool.random(using: &generator) ? "20240601080000123" : nil
            let actions = harness.handle(F.request(cn, fields, qn: qn))
            if (1000..<4000).contains(cn), let first = actions.sent.first {
                #expect(first.header.cn == "9011", "a request is answered with 9011 first")
            }
            if case .connected = harness.session.link {} else { _ = harness.handle(.connected) }
            if Bool.random(using: &generator) { _ = harness.handle(.executed(qn: "20240601080000123", result: .success)) }
            _ = harness.handle(.historyFetched(UplinkBatch(after: 0, through: 0, messages: [], reachedEnd: true)))
            #expect(harness.session.framesInFlight <= 2 + 8 + 1)
            #expect(harness.session.messagesHeld <= 16 + 32 + 32)
        }
    }
}

/// SplitMix64, so a failing run of the garbage test can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
