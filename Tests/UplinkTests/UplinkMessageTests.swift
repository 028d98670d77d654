import Testing
import Uplink
import Wire

struct UplinkMessageTests {
    @Test func aMessageKeepsItsSequenceAndSegmentsInOrder() throws {
        let header = HJ212Header(qn: nil, st: "31", cn: "2011", pw: "123456", mn: "010000A8900016F000169DC0",
                                 flag: nil, packetCount: nil, packetNumber: nil, resend: false, otherFields: [])
        let segment = HJ212DataSegment(header: header, cp: CPDataArea())
        let message = UplinkMessage(sequence: 42, timestampMilliseconds: 1_000, isRealtime: true, segments: [segment, segment])
        #expect(message.sequence == 42 && message.segments.count == 2 && message.isRealtime)
    }
}
