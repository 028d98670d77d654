import Testing
import Uplink
import Wire

/// A session between a fake journal and a fake platform, driven in 100 ms steps: the daemon's
/// part (answer reads at once, announce appended records) and the platform's part (acknowledge
/// what it receives, unless told to fail), with every frame and acknowledgement recorded.
struct SessionWorld {
    var harness: SessionHarness
    /// The journal: index = sequence − 1; nil for a record that makes no message.
    var records: [UplinkMessage?] = []
    /// The uplink consumer's cursor as the daemon applied it.
    var cursor: UInt64
    /// The platform accepts connections.
    var platformUp = true
    /// The connection the session thinks is up is really up.
    var linkUp = false
    /// The next frame reaches the platform, then the connection drops before its 9014.
    var dropBeforeNextAck = false
    /// Every frame the platform received: (tag, RF, monotonic ms).
    var received: [(tag: UInt64, resend: Bool, at: Int64)] = []
    /// The platform's acknowledgements per tag (complete messages: every part acknowledged).
    var deliveredCount: [UInt64: Int] = [:]
    /// Live sends: tag → the ms it was appended and the ms it was first sent.
    var appendedAt: [UInt64: Int64] = [:]
    var firstSentAt: [UInt64: Int64] = [:]

    init(_ settings: UplinkSessionSettings, backlog: Int, cursor: UInt64 = 0) {
        harness = SessionHarness(settings, acknowledged: cursor)
        self.cursor = cursor
        for _ in 0..<backlog { appendRecord(announce: false) }
    }

    var head: UInt64 { UInt64(records.count) }

    /// All sequences that make a message.
    var messageSequences: [UInt64] { records.compactMap { $0?.sequence } }

    /// Appends the next record (every 7th has no message) and, if `announce`, tells the session.
    mutating func appendRecord(announce: Bool = true) {
        let sequence = head + 1
        let message: UplinkMessage? = sequence % 7 == 0 ? nil
            : SessionFixtures.realtime(sequence, second: SessionFixtures.wallAtZero / 1000 + Int64(sequence))
        records.append(message)
        appendedAt[sequence] = harness.monotonic
        if announce {
            run(.appended(UplinkBatch(after: sequence - 1, through: sequence, messages: message.map { [$0] } ?? [],
                                      reachedEnd: true)))
        }
    }

    /// `seconds` of time in 100 ms ticks, a record appended every second when `live`.
    mutating func runFor(seconds: Int, live: Bool = true) {
        for step in 1...(seconds * 10) {
            harness.monotonic += 100
            run(.tick)
            if live, step % 10 == 0 { appendRecord() }
        }
    }

    /// Feeds `event` and everything it leads to (reads answered, frames acknowledged) to the session.
    mutating func run(_ event: UplinkEvent) {
        var events = [event]
        while !events.isEmpty {
            let actions = harness.handle(events.removeFirst())
            for action in actions { events += perform(action) }
        }
    }

    mutating func perform(_ action: UplinkAction) -> [UplinkEvent] {
        switch action {
        case .connect:
            if platformUp { linkUp = true; return [.connected] }
            return [.disconnected(reason: "refused")]
        case .close:
            linkUp = false
        case .fetch(let fetch):
            return [.fetched(read(after: fetch.after, limit: fetch.limit))]
        case .acknowledgeJournal(let through):
            #expect(through > cursor, "the cursor only moves forward")
            #expect(through <= head)
            cursor = through
        case .send(let segment):
            return platformReceives(segment)
        default:
            break
        }
        return []
    }

    mutating func platformReceives(_ segment: HJ212DataSegment) -> [UplinkEvent] {
        guard linkUp, platformUp, let tag = segment.tag else { return [] }
        received.append((tag, segment.header.resend, harness.monotonic))
        if firstSentAt[tag] == nil { firstSentAt[tag] = harness.monotonic }
        if dropBeforeNextAck {
            dropBeforeNextAck = false
            linkUp = false
            return [.disconnected(reason: "dropped before the 9014")]
        }
        if segment.header.packetNumber == nil || segment.header.packetNumber == segment.header.packetCount {
            deliveredCount[tag, default: 0] += 1
        }
        return [SessionFixtures.reply(segment.header.qn)]
    }

    /// The daemon's backlog read: up to `limit` messages after `after`.
    func read(after: UInt64, limit: Int) -> UplinkBatch {
        var messages: [UplinkMessage] = []
        var through = after
        while through < head, messages.count < limit {
            through += 1
            if let message = records[Int(through) - 1] { messages.append(message) }
        }
        return UplinkBatch(after: after, through: through, messages: messages, reachedEnd: through == head)
    }

    /// Checks that every record that makes a message was delivered exactly once and the
    /// cursor reached the head.
    func expectEverythingDeliveredOnce(sourceLocation: SourceLocation = #_sourceLocation) {
        let missing = messageSequences.filter { deliveredCount[$0] == nil }
        let twice = deliveredCount.filter { $0.value > 1 }.map(\.key).sorted()
        #expect(missing.isEmpty, "never delivered: \(missing)", sourceLocation: sourceLocation)
        #expect(twice.isEmpty, "delivered twice: \(twice)", sourceLocation: sourceLocation)
        #expect(cursor == head, "cursor \(cursor), head \(head)", sourceLocation: sourceLocation)
    }
}
