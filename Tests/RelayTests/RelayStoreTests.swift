import Testing
import Wire
@testable import cmmgate_relay

struct RelayStoreTests {
    let now: Int64 = Fixture.tenOClock * 1000

    func uploads(_ segments: [String]) -> [RelayUpload] {
        var session = RelaySession(peer: "test", sites: SiteDirectory([Fixture.site()]),
                                   settings: RelaySession.Settings(setTimeOnConnect: false))
        return session.receive(segments.flatMap { Fixture.frame($0) }, now: now).compactMap(\.upload)
    }

    func freshStore() throws -> RelayStore {
        try RelayStore(path: Fixture.scratchDirectory() + "/relay.db", synchronous: .normal)
    }

    @Test func aResendIsStoredOnceAndCountedAndAChangedOneIsFlagged() throws {
        let store = try freshStore()
        let cp = Fixture.realtimeCP("20260115100000", [("g01-flow", 1500, "N"), ("g01-ch4", 2.5, "N")])
        let changed = Fixture.realtimeCP("20260115100000", [("g01-flow", 1600, "N"), ("g01-ch4", 2.5, "N")])
        let list = uploads([Fixture.segment(cn: 2011, cp: cp, qn: "20260115100000001"),
                            Fixture.segment(cn: 2011, cp: cp, qn: "20260115100003000"),
                            Fixture.segment(cn: 2011, cp: changed, qn: "20260115100004000")])
        let outcomes = try list.map { upload throws(RelayError) in try store.store(upload) }
        #expect(outcomes == [.stored(1), .duplicate(conflicting: false), .duplicate(conflicting: true)])
        var rows: [String] = []
        try store.statement("SELECT factor, value, flag FROM realtime ORDER BY factor").query {
            rows.append("\($0.text(0))=\($0.double(1))\($0.text(2))")
        }
        #expect(rows == ["g01-ch4=2.5N", "g01-flow=1500.0N"])
        var counts: [Int64] = []
        try store.statement("SELECT duplicates, conflicting_duplicates FROM frames").query { counts = [$0.int64(0), $0.int64(1)] }
        #expect(counts == [2, 1])
    }

    @Test func statisticsEventsAndSplitPartsHaveTheirOwnKeys() throws {
        let store = try freshStore()
        let stats = "DataTime=20260115100000;g01-flow-Min=1,g01-flow-Avg=2.5,g01-flow-Max=4,g01-flow-Cou=150,g01-flow-Flag=N"
        let list = uploads([
            Fixture.segment(cn: 2051, cp: stats), Fixture.segment(cn: 2061, cp: stats),
            Fixture.segment(cn: 2072, cp: "DataTime=20260115100000;EventCode=300,EventKind=crossCheckTripped,EventLevel=alarm;"
                + "EventText=code%3D300%3Bkind%3DcrossCheckTripped%3Bname%3Dsafe-transport"),
            Fixture.segment(cn: 2011, cp: Fixture.realtimeCP("20260115100001", [("a", 1, "N")]), flag: 7, extra: "PNUM=2;PNO=1;"),
            Fixture.segment(cn: 2011, cp: Fixture.realtimeCP("20260115100001", [("b", 2, "N")]), flag: 7, extra: "PNUM=2;PNO=2;"),
        ])
        #expect(list.count == 5)
        for upload in list { #expect(try store.store(upload) != .duplicate(conflicting: false)) }
        var stat: [Double] = []
        try store.statement("SELECT min, avg, max, cou FROM statistics WHERE cn = 2051").query {
            stat = [$0.double(0), $0.double(1), $0.double(2), $0.double(3)]
        }
        #expect(stat == [1, 2.5, 4, 150])
        var event = ""
        try store.statement("SELECT cn || ' ' || data_time || ' ' || code || ' ' || kind || ' ' || level || ' ' || text FROM events")
            .query { event = $0.text(0) }
        #expect(event == "2072 \(Fixture.tenOClock) 300 crossCheckTripped alarm code=300;kind=crossCheckTripped;name=safe-transport")
        var factors: [String] = []
        try store.statement("SELECT factor FROM realtime WHERE data_time = ? ORDER BY factor").query([.integer(Fixture.tenOClock + 1)]) {
            factors.append($0.text(0))
        }
        #expect(factors == ["a", "b"])
    }

    @Test func periodQueriesAndRequestAnswers() throws {
        let store = try freshStore()
        for minute in [0, 1, 4] {
            let cp = "DataTime=2026011510\(minute < 10 ? "0" : "")\(minute)00;g01-flow-Avg=1,g01-flow-Flag=N"
            for upload in uploads([Fixture.segment(cn: 2051, cp: cp)]) { _ = try store.store(upload) }
        }
        let t = Fixture.tenOClock
        #expect(try store.latestPeriodStart(mn: Fixture.mn, command: 2051, before: t + 240) == t + 60)
        #expect(try store.latestPeriodStart(mn: Fixture.mn, command: 2061, before: t + 240) == nil)
        #expect(try store.periodStarts(mn: Fixture.mn, command: 2051, from: t + 60, to: t + 240) == [t + 60, t + 240])
        let sent = RelayRequestBuilder.Sent(mn: Fixture.mn, command: 1012, qn: "20260115100000123", sentAtMilliseconds: now,
                                            beginTime: nil, endTime: nil, bytes: [])
        try store.recordRequest(sent)
        #expect(try store.recordAnswer(mn: Fixture.mn, qn: sent.qn, command: 9011, returnCode: 1, at: now))
        #expect(try store.recordAnswer(mn: Fixture.mn, qn: sent.qn, command: 9012, returnCode: 1, at: now))
        #expect(try !store.recordAnswer(mn: Fixture.mn, qn: "20260115100000999", command: 9012, returnCode: 1, at: now))
    }

    @Test func aDatabaseOfAnotherKindIsRefused() throws {
        let path = Fixture.scratchDirectory() + "/other.db"
        let other = try SQLiteDatabase(path: path, create: true)
        try other.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '99');")
        #expect(throws: RelayError.self) { try RelayStore(readingPath: path) }
        #expect(throws: RelayError.self) { try RelayStore(readingPath: Fixture.scratchDirectory() + "/absent.db") }
    }
}

extension RelayStoreTests {
    @Test func twoEventsOfOneSecondAreTwoAndTheirResendsAreNot() throws {
        let store = try freshStore()
        let offline = "DataTime=20260115100000;EventCode=200,EventKind=meterOffline,EventLevel=warning;EventText=meter%3Dflow"
        let other = "DataTime=20260115100000;EventCode=200,EventKind=meterOffline,EventLevel=warning;EventText=meter%3Dheat"
        let list = uploads([Fixture.segment(cn: 2072, cp: offline), Fixture.segment(cn: 2072, cp: other, qn: "20260115100000002"),
                            Fixture.segment(cn: 2072, cp: offline, qn: "20260115100005000")])
        let outcomes = try list.map { upload throws(RelayError) in try store.store(upload) }
        #expect(outcomes == [.stored(1), .stored(2), .duplicate(conflicting: false)])
    }
}
