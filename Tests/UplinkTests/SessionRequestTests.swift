import Metering
import Testing
import Uplink
import Wire

/// Platform requests: each kind answered with the request flow's frames, in order, with the
/// request's QN; malformed and unknown requests with the proper QnRtn/ExeRtn.
struct SessionRequestTests {
    typealias F = SessionFixtures
    static let qn = "20240601080000123"

    func connected(_ settings: UplinkSessionSettings = F.settings()) -> SessionHarness {
        var harness = SessionHarness(settings)
        _ = harness.connect()
        _ = harness.handle(.fetched(UplinkBatch(after: 0, through: 0, messages: [], reachedEnd: true)))
        return harness
    }

    /// (CN, the QnRtn or ExeRtn value or nil) of each frame.
    func flow(_ actions: [UplinkAction]) -> [String] {
        actions.sent.map { segment in
            let value = segment.cpValue("QnRtn") ?? segment.cpValue("ExeRtn")
            return segment.header.cn + (value.map { "=" + $0 } ?? "")
        }
    }

    @Test func repliesReuseTheRequestQNAndNeedNoAck() {
        var harness = connected()
        let sent = harness.handle(F.request(1061, [])).sent
        #expect(sent.map(\.header.qn) == [Self.qn, Self.qn, Self.qn])
        #expect(sent.allSatisfy { $0.header.flag?.rawValue == 4 && $0.header.mn == F.mn && $0.header.pw == F.password })
        #expect(sent.map(\.header.st) == ["91", "31", "91"], "9011/9012 are system interaction; the data the site's ST")
        #expect(harness.session.framesInFlight == 0)
    }

    @Test func getTimeAnswersSystemTimeInLocalTime() {
        var harness = connected()
        harness.monotonic = 3_723_000  // 01:02:03 after 08:00 local
        let actions = harness.handle(F.request(1011, [.pollutantId("a05002")]))
        #expect(flow(actions) == ["9011=1", "1011", "9012=1"])
        #expect(actions.sent[1].cpValue("SystemTime") == "20240601090203")
        #expect(actions.sent[1].cpValue("PolId") == "a05002")
    }

    @Test func setTimeAppliesTheClockJournalsTheStepThenAnswers() throws {
        var harness = connected()
        let first = harness.handle(F.request(1012, [.systemTime(F.time("20240601080010"))]))
        #expect(flow(first) == ["9011=1"])
        let setting = try #require(first.compactMap { if case .setClock(let s) = $0 { s } else { nil } }.first)
        #expect(setting.qn == Self.qn && setting.wallMilliseconds == F.wallAtZero + 10_000)
        #expect(setting.stepMilliseconds == 10_000 - harness.monotonic)
        let done = harness.handle(.executed(qn: Self.qn, result: .success))
        #expect(flow(done) == ["9012=1"])
        let step = try #require(done.compactMap { if case .journalEvent(.clockStepped(let s)) = $0 { s } else { nil } }.first)
        #expect(step.deltaNanoseconds == setting.stepMilliseconds * 1_000_000)
    }

    @Test func setTimeTheDaemonCannotApplyFails() {
        var harness = connected()
        _ = harness.handle(F.request(1012, [.systemTime(F.time("20240601080010"))]))
        let failed = harness.handle(.executed(qn: Self.qn, result: .failedUnknownReason))
        #expect(flow(failed) == ["9012=2"] && !failed.contains { if case .journalEvent = $0 { true } else { false } })
        _ = harness.handle(F.request(1012, [.systemTime(F.time("20240601080010"))]))
        #expect(flow(harness.advance(10_000)) == ["9012=2"], "no answer from the daemon within OverTime")
    }

    @Test func getAndSetIntervals() {
        var harness = connected()
        #expect(flow(harness.handle(F.request(1062, [.realtimeInterval(30)]))) == ["9011=1", "9012=1"])
        let rtd = harness.handle(F.request(1061, []))
        #expect(flow(rtd) == ["9011=1", "1061", "9012=1"] && rtd.sent[1].cpValue("RtdInterval") == "30")
        #expect(flow(harness.handle(F.request(1064, [.minuteInterval(10)]))) == ["9011=1", "9012=1"])
        let min = harness.handle(F.request(1063, []))
        #expect(flow(min) == ["9011=1", "1063", "9012=1"] && min.sent[1].cpValue("MinInterval") == "10")
        #expect(flow(harness.handle(F.request(1062, [.realtimeInterval(0)]))) == ["9011=1", "9012=3"])
        #expect(flow(harness.handle(F.request(1064, [.minuteInterval(7)]))) == ["9011=1", "9012=3"])
        #expect(flow(harness.handle(F.request(1062, []))) == ["9011=1", "9012=3"])
        #expect(harness.session.settings.realtimeIntervalSeconds == 30 && harness.session.settings.minuteIntervalMinutes == 10)
    }

    @Test func setPassword() {
        var harness = connected()
        let actions = harness.handle(F.request(1072, [.newPassword("abc123")]))
        #expect(flow(actions) == ["9011=1", "9012=1"])
        #expect(harness.session.settings.password == "abc123")
        #expect(flow(harness.handle(F.request(1061, [], pw: F.password))) == ["9011=3"], "the old password is refused now")
        #expect(flow(harness.handle(F.request(1072, [.newPassword("a;b")], pw: "abc123"))) == ["9011=1", "9012=3"])
    }

    @Test func historyPullSendsTheRecordsWithAckThenExeRtn1() throws {
        var harness = connected()
        let start = harness.handle(F.request(2051, [.beginTime(F.time("20240601080000")), .endTime(F.time("20240601080500"))]))
        #expect(flow(start) == ["9011=1"])
        let fetch = try #require(start.historyFetches.first)
        #expect(fetch.command == .minuteData && fetch.from == F.wallAtZero && fetch.through == F.wallAtZero + 300_000)
        let records = (0..<3).map { F.statistics(UInt64(100 + $0), command: .minuteData, second: F.wallAtZero / 1000 + 60 * Int64($0)) }
        let page = harness.handle(.historyFetched(UplinkBatch(after: 0, through: 102, messages: records, reachedEnd: true)))
        #expect(page.commands == [2051, 2051, 2051])
        #expect(page.sent.allSatisfy { $0.header.flag?.ackRequired == true && $0.header.qn != Self.qn })
        #expect(page.journalAcks.isEmpty)
        _ = harness.handle(F.reply(page.sent[0].header.qn))
        _ = harness.handle(F.reply(page.sent[1].header.qn))
        let last = harness.handle(F.reply(page.sent[2].header.qn))
        #expect(flow(last) == ["9012=1"] && last.sent[0].header.qn == Self.qn)
        #expect(last.journalAcks.isEmpty, "a history pull does not move the journal cursor")
    }

    @Test func historyPullWithoutRecordsIsNoData() {
        var harness = connected()
        _ = harness.handle(F.request(2061, [.beginTime(F.time("20240601080000")), .endTime(F.time("20240601090000"))]))
        let done = harness.handle(.historyFetched(UplinkBatch(after: 0, through: 0, messages: [], reachedEnd: true)))
        #expect(flow(done) == ["9012=100"])
    }

    @Test func historyPullBadTimesOrBusy() {
        var harness = connected()
        let reversed: [CPField] = [.beginTime(F.time("20240601090000")), .endTime(F.time("20240601080000"))]
        #expect(flow(harness.handle(F.request(2031, reversed))) == ["9011=1", "9012=3"])
        #expect(flow(harness.handle(F.request(2031, [.beginTime(F.time("20240601090000"))]))) == ["9011=1", "9012=3"])
        let good: [CPField] = [.beginTime(F.time("20240601080000")), .endTime(F.time("20240601090000"))]
        _ = harness.handle(F.request(2051, good))
        #expect(flow(harness.handle(F.request(2061, good, qn: "20240601080000124"))) == ["9011=1", "9012=5"])
    }

    @Test func keyUpdateIn2025AndRefusedIn2017() {
        var harness = connected(F.settings(.hj212_2025))
        let start = harness.handle(F.request(1014, [.other(name: "SKCreateTime", value: "20240601080000"),
                                                    .other(name: "NewSK", value: "0123456789ABCDEF")]))
        #expect(flow(start) == ["9011=1"])
        #expect(start.contains(.storeKey(.init(qn: Self.qn, key: "0123456789ABCDEF", createdAt: "20240601080000"))))
        #expect(flow(harness.handle(.executed(qn: Self.qn, result: .success))) == ["9012=1"])
        #expect(flow(harness.handle(F.request(1014, []))) == ["9011=1", "9012=3"])
        var old = connected()
        #expect(flow(old.handle(F.request(1014, [.other(name: "NewSK", value: "0123456789ABCDEF")]))) == ["9011=2"])
    }

    @Test func headerErrorsGetTheirQnRtnAndNothingMore() {
        var harness = connected()
        #expect(flow(harness.handle(F.request(1061, [], pw: "000000"))) == ["9011=3"])
        #expect(flow(harness.handle(F.request(1061, [], mn: "FFFFFFFFFFFFFFFFFFFFFFFF"))) == ["9011=4"])
        #expect(flow(harness.handle(F.request(4444, []))) == ["9011=8"], "a CN the standard does not define")
        #expect(flow(harness.handle(F.request(3011, []))) == ["9011=2"], "a control command the agent does not serve")
        let noQN = harness.handle(F.request(1061, [], qn: nil))
        #expect(flow(noQN) == ["9011=7"] && noQN.sent[0].header.qn?.count == 17)
        #expect(flow(harness.handle(F.request(1061, [], qn: "2024"))) == ["9011=7"])
    }

    @Test func platformRepliesThatAreNotAcksAreIgnored() {
        var harness = connected()
        let header = HJ212Header(qn: Self.qn, st: "91", cn: "9012", pw: F.password, mn: F.mn, flag: HJ212Flag(rawValue: 4))
        let actions = harness.handle(.received(HJ212DataSegment(header: header, cp: CPDataArea())))
        #expect(actions.sent.isEmpty)
    }
}
