import Testing
@testable import Metering

@Suite struct AgentEventTests {
    static let hostile = "a;b=c\\d\ne\rf\tg\u{0}h\u{7F}i\u{85}j\u{2028}k 瓦斯 ☃️ é;="

    static let everyKind: [AgentEvent] = [
        .started(version: "0.5.0", lastRecordSecond: 1_795_624_199),
        .started(version: "0.5.0", lastRecordSecond: nil),
        .stopped(reason: "SIGTERM"),
        .configurationLoaded(tag: 0xDEAD_BEEF, path: "/etc/cmmgate/cmmgate.conf"),
        .configurationRejected(path: "/etc/cmmgate/cmmgate.conf", firstError: "cmmgate.conf:12: unknown key \"baud\""),
        .clockStepped(ClockStep(from: 1_795_624_200_000_000_000, to: 1_795_624_202_500_000_000,
                                deltaNanoseconds: 2_500_000_000)),
        .clockUnsynchronised,
        .clockSynchronised,
        .crossCheckTripped(name: "pump-1", since: 1_795_624_200, inlet: 1260.5, reference: 1100),
        .crossCheckCleared(name: "pump-1", at: 1_795_624_800),
        .meterOffline(name: "flow-1", since: 1_795_624_200),
        .meterOnline(name: "flow-1", downSeconds: 61),
        .busOutage(name: "rs485-1", since: -5, reason: "open /dev/ttyS1: ENOENT"),
        .busRestored(name: "rs485-1", downSeconds: 0),
        .calibrationOverdue(meter: "CH4-1", due: "2026-11-30"),
        .operatorFlag(parameter: "flow-1", mode: .normal, by: "op"),
        .operatorFlag(parameter: "flow-1", mode: .maintenance, by: "op"),
        .operatorFlag(parameter: "flow-1", mode: .calibrating, by: "op"),
        .operatorFlag(parameter: "flow-1", mode: .manual(-0.125), by: "张工"),
    ]

    @Test func codesAreStableAndDistinct() {
        let table = AgentEvent.Kind.allCases.map { "\($0.rawValue) \($0.name) \($0.severity)" }
        #expect(table == [
            "100 started info", "101 stopped info", "110 configurationLoaded info",
            "111 configurationRejected warning", "200 clockStepped warning", "201 clockUnsynchronised warning",
            "202 clockSynchronised info", "300 crossCheckTripped alarm", "301 crossCheckCleared info",
            "400 meterOffline alarm", "401 meterOnline info", "410 busOutage alarm", "411 busRestored info",
            "500 calibrationOverdue warning", "600 operatorFlag warning",
        ])
        #expect(Set(Self.everyKind.map(\.kind)).count == AgentEvent.Kind.allCases.count)
        #expect(AgentEvent.Severity.info < .warning && AgentEvent.Severity.warning < .alarm)
    }

    @Test func payloadsReadAsDocumented() {
        #expect(AgentEventCodec.text(Self.everyKind[8])
                    == "code=300;kind=crossCheckTripped;name=pump-1;since=1795624200;inlet=1260.5;reference=1100.0")
        #expect(AgentEventCodec.text(.clockSynchronised) == "code=202;kind=clockSynchronised")
        #expect(AgentEventCodec.text(.started(version: "1", lastRecordSecond: nil)) == "code=100;kind=started;version=1")
        #expect(AgentEventCodec.text(.operatorFlag(parameter: "p", mode: .manual(12.5), by: "op"))
                    == "code=600;kind=operatorFlag;parameter=p;mode=manual;value=12.5;by=op")
        #expect(AgentEventCodec.text(.stopped(reason: Self.hostile))
                    == "code=101;kind=stopped;reason=a\\;b\\=c\\\\d\\ne\\rf\\tg\\u{0}h\\u{7F}i\\u{85}j\\u{2028}k 瓦斯 ☃️ é\\;\\=")
    }

    @Test(arguments: everyKind)
    func roundTrips(event: AgentEvent) throws {
        let bytes = AgentEventCodec.encode(event)
        #expect(try AgentEventCodec.decode(bytes) == event)
        #expect(try AgentEventCodec.decode(text: AgentEventCodec.text(event)) == event)
    }

    @Test func hostileValuesRoundTripOnOneLine() throws {
        let events: [AgentEvent] = [
            .stopped(reason: Self.hostile),
            .configurationRejected(path: Self.hostile, firstError: Self.hostile),
            .busOutage(name: "=;\\", since: 0, reason: "\\\\;;=="),
            .calibrationOverdue(meter: "", due: ""),
            .operatorFlag(parameter: "\\u{41}", mode: .manual(1e-300), by: "\u{10FFFF}"),
        ]
        for event in events {
            let bytes = AgentEventCodec.encode(event)
            #expect(!bytes.contains { $0 < 0x20 || $0 == 0x7F }, "\(bytes)")
            #expect(try AgentEventCodec.decode(bytes) == event)
        }
    }

    /// Decodes `text` and expects a failure with `code` at `offset` whose message holds `fragment`.
    static func expectRejected(_ text: String, _ code: MeteringError.Code, at offset: Int, _ fragment: String) {
        do {
            let event = try AgentEventCodec.decode(text: text)
            Issue.record("accepted \(text) as \(event)")
        } catch {
            #expect(error.code == code, "\(text): \(error)")
            #expect(error.offset == offset, "\(text): \(error)")
            #expect(error.message.contains(fragment), "\(text): \(error)")
        }
    }

    @Test func rejectsUnknownCodesAndMismatchedKinds() {
        Self.expectRejected("code=999;kind=future", .unsupportedVersion, at: 5, "999 is not known")
        Self.expectRejected("code=0202;kind=clockSynchronised", .malformed, at: 5, "not a number")
        Self.expectRejected("code=+202;kind=clockSynchronised", .malformed, at: 5, "not a number")
        Self.expectRejected("code=202;kind=clockSynchronized", .malformed, at: 14, "is clockSynchronised")
        Self.expectRejected("kind=stopped;code=101;reason=x", .malformed, at: 0, "starts with code")
        Self.expectRejected("code=101", .malformed, at: 0, "starts with code")
        Self.expectRejected("", .malformed, at: 0, "key of ASCII letters")
    }

    @Test func rejectsMissingRepeatedAndUnknownKeys() {
        Self.expectRejected("code=101;kind=stopped", .malformed, at: 21, "needs key reason")
        Self.expectRejected("code=101;kind=stopped;reason=a;reason=b", .malformed, at: 31, "appears twice")
        Self.expectRejected("code=101;kind=stopped;reason=a;extra=1", .malformed, at: 31, "has no key extra")
        Self.expectRejected("code=600;kind=operatorFlag;parameter=p;mode=manual;by=op", .malformed, at: 56, "needs key value")
        Self.expectRejected("code=600;kind=operatorFlag;parameter=p;mode=normal;value=1;by=op", .malformed, at: 51,
                            "has no key value")
        Self.expectRejected("code=600;kind=operatorFlag;parameter=p;mode=frozen;by=op", .malformed, at: 44, "mode frozen")
    }

    @Test func rejectsBadNumbers() {
        let prefix = "code=401;kind=meterOnline;name=m;downSeconds="
        for bad in ["", "+5", "05", " 5", "5 ", "5.0", "1e3", "99999999999999999999"] {
            Self.expectRejected(prefix + bad, .malformed, at: prefix.utf8.count, "not a decimal integer")
        }
        let tripped = "code=300;kind=crossCheckTripped;name=p;since=1;inlet="
        for bad in ["nan", "inf", "-inf", "", "+1", "1,5", "1e999"] {
            Self.expectRejected(tripped + bad + ";reference=1", .malformed, at: tripped.utf8.count, "not a finite number")
        }
        Self.expectRejected("code=110;kind=configurationLoaded;tag=4294967296;path=p", .malformed, at: 38,
                            "not a decimal integer")
    }

    @Test func rejectsMalformedText() {
        let prefix = "code=101;kind=stopped;reason="
        let at = prefix.utf8.count
        Self.expectRejected(prefix + "a\\", .malformed, at: at + 1, "ends inside an escape")
        Self.expectRejected(prefix + "a\\x41", .malformed, at: at + 1, "unknown escape \\x")
        Self.expectRejected(prefix + "\\u41", .malformed, at: at, "not followed by {")
        Self.expectRejected(prefix + "\\u{}", .malformed, at: at, "one to six hex digits")
        Self.expectRejected(prefix + "\\u{1234567}", .malformed, at: at, "one to six hex digits")
        Self.expectRejected(prefix + "\\u{D800}", .malformed, at: at, "one to six hex digits")
        Self.expectRejected(prefix + "\\u{110000}", .malformed, at: at, "one to six hex digits")
        Self.expectRejected(prefix + "\\u{4G}", .malformed, at: at, "one to six hex digits")
        Self.expectRejected(prefix + "\\u{41", .malformed, at: at, "one to six hex digits")
        Self.expectRejected(prefix + "é\nx", .malformed, at: at + 2, "raw control character U+000A")
        Self.expectRejected(prefix + "\u{2028}", .malformed, at: at, "raw control character U+2028")
        Self.expectRejected(prefix + "x;", .malformed, at: at + 2, "key of ASCII letters")
        Self.expectRejected(prefix + "x;reason", .malformed, at: at + 8, "not followed by =")
        Self.expectRejected("code=101;kind=stopped;re-ason=x", .malformed, at: 24, "not followed by =")
        Self.expectRejected("code=101;kind=stopped;=x", .malformed, at: 22, "key of ASCII letters")
        var bytes = Array((prefix + "ab").utf8)
        bytes[at + 1] = 0xC3
        do {
            _ = try AgentEventCodec.decode(bytes)
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.code == .malformed && error.offset == at && error.message.contains("UTF-8"))
        }
    }

    @Test func escapedUnicodeDecodesEvenWhenNotNeeded() throws {
        let event = try AgentEventCodec.decode(text: "code=101;kind=stopped;reason=\\u{41}\\u{1F600}\\u{a}")
        #expect(event == .stopped(reason: "A😀\n"))
    }
}
