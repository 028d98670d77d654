import AgentCore
import Journal
import Metering
import Testing
import Uplink
import Wire

/// Agent events as CN `event_cn`: the summary fields, the journaled text percent-encoded so the
/// relay decodes it with AgentEventCodec, and the severity selection.
@Suite("Uplink frames: events")
struct FramesEventTests {
    @Test func anAlarmIsSentWithItsCodeKindLevelAndEncodedText() throws {
        let site = try FramesFixtures.site()
        let event = AgentEvent.crossCheckTripped(name: "safe-transport", since: 1_767_323_000, inlet: 1260.5,
                                                 reference: 1100)
        let message = try #require(try FramesFixtures.builder(site).message(for: FramesFixtures.event(event)))
        #expect(message.sequence == 9 && !message.isRealtime)
        #expect(message.segments[0].header.cn == "2072")
        #expect(try FramesFixtures.onlyCP(message)
                == "DataTime=20260102110405;EventCode=300,EventKind=crossCheckTripped,EventLevel=alarm;"
                + "EventText=code=300%3Bkind=crossCheckTripped%3Bname=safe-transport%3Bsince=1767323000"
                + "%3Binlet=1260.5%3Breference=1100.0")
        try FramesFixtures.roundTrip(message)
    }

    @Test func theTextDecodesBackToTheSameEvent() throws {
        let site = try FramesFixtures.site(uplinkLines: ["event_cn = 3999"])
        let event = AgentEvent.configurationRejected(path: "/etc/cmmgate/a b.conf",
                                                     firstError: "a.conf:3: unknown key 'x, y' & 100% ; 煤矿\tend ")
        let message = try #require(try FramesFixtures.builder(site).message(for: FramesFixtures.event(event)))
        #expect(message.segments[0].header.cn == "3999")
        try FramesFixtures.roundTrip(message)
        let fields = message.segments[0].cp.allFields
        guard case .other("EventText", let encoded)? = fields.last else {
            Issue.record("no EventText in \(fields)")
            return
        }
        #expect(!encoded.utf8.contains(where: { [0x3B, 0x2C, 0x26, 0x20, 0x09].contains($0) }))
        let text = try #require(UplinkEventArea.unescape(encoded))
        #expect(try AgentEventCodec.decode(text: text) == event)
        #expect(UplinkEventArea.unescape("%4") == nil && UplinkEventArea.unescape("%zz") == nil)
    }

    @Test func severitiesOutsideTheSelectionAreNotSent() throws {
        let info = FramesFixtures.event(.started(version: "1.0", lastRecordSecond: nil))
        let warning = FramesFixtures.event(.calibrationOverdue(meter: "heat", due: "2026-01-10"))
        let alarm = FramesFixtures.event(.meterOffline(name: "pump", since: 1_767_323_000))
        for (selection, sent) in [("all", [true, true, true]), ("warnings", [false, true, true]),
                                  ("alarms", [false, false, true]), ("none", [false, false, false])] {
            let builder = try FramesFixtures.builder(try FramesFixtures.site(uplinkLines: ["events = " + selection]))
            let built = try [info, warning, alarm].map { try builder.message(for: $0) != nil }
            #expect(built == sent, "events = \(selection)")
        }
    }

    @Test func anOverlongTextIsCutAtACharacterAndMarked() throws {
        let long = String(repeating: "煤;", count: 400)
        let site = try FramesFixtures.site()
        let record = FramesFixtures.event(.stopped(reason: long))
        let message = try #require(try FramesFixtures.builder(site).message(for: record))
        try FramesFixtures.roundTrip(message)
        let cp = try message.segments.map { try $0.cp.encoded() }.joined(separator: "|")
        #expect(cp.contains("EventTruncated=1"))
        let (cut, truncated) = UplinkEventArea.escape(long, limit: 10)
        #expect(truncated && cut == "煤%3B煤")  // 3 + 3 + 3 bytes; the next %3B would pass 10
        #expect(UplinkEventArea.escape("a;b").0 == "a%3Bb" && !UplinkEventArea.escape("a;b").truncated)
    }
}
