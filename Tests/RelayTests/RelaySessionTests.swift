import Testing
import Wire
@testable import cmmgate_relay

struct RelaySessionTests {
    let now: Int64 = Fixture.tenOClock * 1000 + 5_000

    func session(setTime: Bool = false, sites: [SiteDirectory.Entry] = [Fixture.site()]) -> RelaySession {
        RelaySession(peer: "test", sites: SiteDirectory(sites), settings: RelaySession.Settings(setTimeOnConnect: setTime))
    }

    @Test func anUploadWithFlagAIsStoredThenAcknowledgedWithItsQN() throws {
        var session = session()
        let cp = Fixture.realtimeCP("20260115100000", [("g01-flow", 1500, "N"), ("g01-ch4", nil, "B")])
        let actions = session.receive(Fixture.frame(Fixture.segment(cn: 2011, cp: cp)), now: now)
        let stored = try #require(actions.compactMap(\.upload).first)
        #expect(stored.kind == .realtime && stored.keyTime == Fixture.tenOClock)
        #expect(stored.realtime == [.init(factor: "g01-flow", value: 1500, flag: "N"), .init(factor: "g01-ch4", value: nil, flag: "B")])
        let ackBytes = try #require(actions.compactMap(\.ack).first)
        let ack = try #require(Fixture.packets(ackBytes).first)
        #expect(ack.header.qn == "20260115100000001" && ack.header.cn == "9014" && ack.header.st == "91")
        #expect(ack.header.flag?.rawValue == 4 && ack.header.mn == Fixture.mn && ack.cp.items.isEmpty)
    }

    @Test func withoutFlagANothingIsAcknowledgedAnd2025RepliesCarryVersion2() throws {
        var plain = session()
        let cp = Fixture.realtimeCP("20260115100000", [("g01-flow", 1, "N")])
        #expect(plain.receive(Fixture.frame(Fixture.segment(cn: 2011, cp: cp, flag: 4)), now: now).compactMap(\.ack).isEmpty)
        var modern = session(sites: [Fixture.site(profile: .hj2025)])
        let actions = modern.receive(Fixture.frame(Fixture.segment(cn: 2011, cp: cp, flag: 9)), now: now)
        let ack = try #require(actions.compactMap(\.ack).first)
        #expect(Fixture.packets(ack).first?.header.flag?.rawValue == 8)
    }

    @Test func theFirstFrameOfASiteSetsItsTimeOnce() throws {
        var session = session(setTime: true)
        let cp = Fixture.realtimeCP("20260115100000", [("g01-flow", 1, "N")])
        let first = session.receive(Fixture.frame(Fixture.segment(cn: 2011, cp: cp)), now: now)
        let sent = try #require(first.compactMap(\.sentRequest).first)
        let request = try #require(Fixture.packets(sent.bytes).first)
        #expect(request.header.cn == "1012" && request.header.flag?.ackRequired == true && request.header.st == "31")
        #expect(request.cp.allFields == [.systemTime(try HJ212Timestamp.parse("20260115100005"))])
        #expect(request.header.qn == "20260115100005000" && sent.qn == request.header.qn)
        let second = session.receive(Fixture.frame(Fixture.segment(cn: 2011, cp: cp, qn: "20260115100001000")), now: now)
        #expect(second.compactMap(\.sentRequest).isEmpty)
    }

    @Test func framesSplitAcrossReadsAndPackedTogetherDecodeAlike() {
        let cp = Fixture.realtimeCP("20260115100000", [("g01-flow", 1, "N")])
        var bytes: [UInt8] = []
        for n in 1...3 { bytes += Fixture.frame(Fixture.segment(cn: 2011, cp: cp, qn: "2026011510000000\(n)")) }
        var whole = session()
        let packed = whole.receive(bytes, now: now).compactMap(\.upload)
        var trickled = session()
        var pieces: [RelayUpload] = []
        for byte in bytes { pieces += trickled.receive([byte], now: now).compactMap(\.upload) }
        #expect(packed.count == 3 && pieces == packed)
        #expect(packed.map(\.header.qn) == ["20260115100000001", "20260115100000002", "20260115100000003"])
    }

    @Test func garbageBadCRCStrangersAndWrongPasswordsAreRejectedNotStored() {
        var session = session()
        let cp = Fixture.realtimeCP("20260115100000", [("g01-flow", 1, "N")])
        var badCRC = Fixture.frame(Fixture.segment(cn: 2011, cp: cp))
        badCRC[badCRC.count - 3] = badCRC[badCRC.count - 3] == 0x30 ? 0x31 : 0x30
        let input = Array("noise".utf8) + badCRC + Fixture.frame(Fixture.segment(cn: 2011, cp: cp, mn: "FFFFFFFFFFFFFFFFFFFFFFFF"))
            + Fixture.frame(Fixture.segment(cn: 2011, cp: cp, pw: "000000"))
            + Fixture.frame(Fixture.segment(cn: 2051, cp: "g01-flow-Avg=1"))
        let actions = session.receive(input, now: now)
        #expect(actions.compactMap(\.rejected).map(\.reason) == ["garbage", "badChecksum", "unknownMN", "badPassword", "noDataTime"])
        #expect(actions.compactMap(\.upload).isEmpty && session.rejectCount == 5)
    }

    @Test func aFloodOfRejectsIsLoggedOnlyAtFirst() {
        var session = RelaySession(peer: "p", sites: SiteDirectory([Fixture.site()]),
                                   settings: RelaySession.Settings(setTimeOnConnect: false, rejectLogLimit: 3))
        var logged = 0
        for _ in 0..<2000 { logged += session.receive(Array("x#".utf8), now: now).compactMap(\.rejected).filter(\.log).count }
        #expect(session.rejectCount >= 2000 && logged == 3 + session.rejectCount / 1000)
    }

    @Test func eachSitesKeyDecryptsItsOwnFrames() throws {
        let a = Fixture.site("AAAAAAAAAAAAAAAAAAAAAAAA", profile: .hj2025, cipher: XORCipher(key: 0x5A))
        let b = Fixture.site("BBBBBBBBBBBBBBBBBBBBBBBB", profile: .hj2025, cipher: XORCipher(key: 0x33))
        var session = session(sites: [a, b])
        let cp = Fixture.realtimeCP("20260115100000", [("g01-flow", 1500, "N"), ("g01-ch4", 2.5, "N")])
        let input = Fixture.frame(Fixture.segment(cn: 2011, cp: cp, flag: 9, mn: a.mn), cipher: a.cipher)
            + Fixture.frame(Fixture.segment(cn: 2011, cp: cp, flag: 9, mn: b.mn), cipher: b.cipher)
            + Fixture.frame(Fixture.segment(cn: 2011, cp: cp, flag: 9, mn: b.mn), cipher: a.cipher)
        #expect(HJ212CPEncryption.isEncrypted(String(decoding: input, as: UTF8.self)))
        let actions = session.receive(input, now: now)
        #expect(actions.compactMap(\.upload).map(\.header.mn) == [a.mn, b.mn])
        #expect(actions.compactMap(\.upload).allSatisfy { $0.realtime.count == 2 && $0.realtime[1].value == 2.5 })
        #expect(actions.compactMap(\.rejected).count == 1)
    }

    @Test func heartbeatsAndTimeRequestsGetNotifyReplies() throws {
        var session = session()
        let actions = session.receive(Fixture.frame(Fixture.segment(cn: 9015, cp: "", flag: 8))
            + Fixture.frame(Fixture.segment(cn: 1013, cp: "", qn: "20260115100000002", flag: 4)), now: now)
        let replies = actions.compactMap(\.sentBytes).flatMap(Fixture.packets)
        #expect(replies.map(\.header.cn) == ["9013", "9013"])
        #expect(replies.map(\.header.qn) == ["20260115100000001", "20260115100000002"])
        #expect(actions.compactMap(\.sentRequest).map(\.command) == [1012])
    }

    @Test func answersToRequestsAreReported() {
        var session = session()
        let actions = session.receive(Fixture.frame(Fixture.segment(cn: 9011, cp: "QnRtn=1", flag: 4, st: "91"))
            + Fixture.frame(Fixture.segment(cn: 9012, cp: "ExeRtn=100", flag: 4, st: "91")), now: now)
        #expect(actions.filter {
            if case .requestAnswered = $0 { return true } else { return false }
        } == [.requestAnswered(mn: Fixture.mn, qn: "20260115100000001", command: 9011, returnCode: 1),
              .requestAnswered(mn: Fixture.mn, qn: "20260115100000001", command: 9012, returnCode: 100)])
    }

    @Test func aHistoryPullNamesTheMissingPeriodsInLocalTime() throws {
        var session = session()
        _ = session.receive(Fixture.frame(Fixture.segment(cn: 2011, cp: Fixture.realtimeCP("20260115100000", []))), now: now)
        let maybeSent = session.historyPull(mn: Fixture.mn, command: 2051, begin: Fixture.tenOClock + 60,
                                            end: Fixture.tenOClock + 120, now: now)
        let sent = try #require(maybeSent)
        let pull = try #require(Fixture.packets(sent.bytes).first)
        #expect(pull.header.cn == "2051" && sent.beginTime == Fixture.tenOClock + 60)
        #expect(try pull.cp.encoded() == "BeginTime=20260115100100;EndTime=20260115100200")
        let unknown = session.historyPull(mn: "AAAAAAAAAAAAAAAAAAAAAAAA", command: 2051, begin: 0, end: 0, now: now)
        #expect(unknown == nil)
    }
}
