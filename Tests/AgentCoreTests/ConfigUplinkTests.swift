import AgentCore
import Testing

/// `[uplink NAME]`: defaults (with OverTime/ReCount from `link`), explicit values, the 2025-only
/// keys, and every error at its line with its code.
@Suite("Site configuration: uplinks")
struct ConfigUplinkTests {
    static let lineCount = ConfigFixtures.minimal.split(separator: "\n", omittingEmptySubsequences: false).count

    static func parse(_ lines: [String]) -> SiteConfigParser.Result {
        ConfigFixtures.parse(ConfigFixtures.minimal(appending: lines.joined(separator: "\n") + "\n"))
    }

    @Test func noUplinkSectionMeansNoUplinks() throws {
        let config = try #require(ConfigFixtures.parse(ConfigFixtures.minimal).config)
        #expect(config.uplinks == [])
    }

    @Test func absentKeysTakeTheirDefaults() throws {
        let config = try #require(Self.parse(["[uplink relay]", "host = 127.0.0.1"]).config)
        #expect(config.uplinks == [UplinkConfig(
            name: "relay", host: "127.0.0.1", port: 9212, profile: .hj212_2017, link: .wired, overTimeSeconds: 5,
            reCount: 3, realtimeIntervalSeconds: 1, minuteIntervalMinutes: 1, heartbeatSeconds: nil, sm4KeyFile: nil,
            backlogFramesPerSecond: 3000, consumer: "hj212-relay", eventCommand: 2072, events: .all, decimals: 3,
            line: Self.lineCount)])
        #expect(config.uplinks.first?.protocolVersion == .hj212_2017)
    }

    @Test func aCellularLinkWaitsLongerAndA2025ProfileHasAHeartbeat() throws {
        let config = try #require(Self.parse([
            "[uplink p]", "host = platform.example.org", "link = cellular", "profile = 2025",
        ]).config)
        let uplink = try #require(config.uplinks.first)
        #expect(uplink.overTimeSeconds == 10 && uplink.reCount == 3)
        #expect(uplink.backlogFramesPerSecond == 20)  // a metered link catches up gently
        #expect(uplink.heartbeatSeconds == 60 && uplink.sm4KeyFile == nil)
        #expect(uplink.protocolVersion == .hj212_2025)
    }

    @Test func explicitValuesAreRead() throws {
        let config = try #require(Self.parse([
            "[uplink a]", "host = 192.0.2.7", "port = 8212", "profile = 2025", "link = cellular", "overtime_s = 20",
            "recount = 5", "realtime_interval_s = 30", "minute_interval_min = 10", "heartbeat_s = 120",
            "sm4_key_file = /etc/cmmgate/a.sm4", "backlog_rate = 2000", "consumer = cets", "event_cn = 3999",
            "events = alarms", "decimals = 2",
            "[uplink b]", "host = ::1",
        ]).config)
        #expect(config.uplinks.map(\.name) == ["a", "b"])
        #expect(config.uplinks[0] == UplinkConfig(
            name: "a", host: "192.0.2.7", port: 8212, profile: .hj212_2025, link: .cellular, overTimeSeconds: 20,
            reCount: 5, realtimeIntervalSeconds: 30, minuteIntervalMinutes: 10, heartbeatSeconds: 120,
            sm4KeyFile: "/etc/cmmgate/a.sm4", backlogFramesPerSecond: 2000, consumer: "cets", eventCommand: 3999,
            events: .alarms, decimals: 2, line: Self.lineCount))
        #expect(config.uplinks[1].consumer == "hj212-b" && config.uplinks[1].host == "::1")
    }

    @Test func eventSelectionsFollowSeverity() {
        #expect(UplinkConfig.EventSelection.all.includes(.info))
        #expect(!UplinkConfig.EventSelection.warnings.includes(.info))
        #expect(UplinkConfig.EventSelection.warnings.includes(.warning))
        #expect(!UplinkConfig.EventSelection.alarms.includes(.warning))
        #expect(UplinkConfig.EventSelection.alarms.includes(.alarm))
        #expect(!UplinkConfig.EventSelection.none.includes(.alarm))
    }

    /// (lines appended to the minimal site, the 0-based index of the line the error is on, code,
    /// a fragment of the message).
    static let errorCases: [([String], Int, ConfigError.Code, String)] = [
        (["[uplink p]"], 0, .missing, "[uplink p] needs 'host'"),
        (["[uplink p]", "host = a b"], 1, .badValue, "host: 'a b' is not a host name"),
        (["[uplink p]", "host = h", "port = 0"], 2, .outOfRange, "port: 0 is outside 1…65535"),
        (["[uplink p]", "host = h", "profile = 2005"], 2, .badValue, "profile: '2005' is not one of 2017, 2025"),
        (["[uplink p]", "host = h", "link = satellite"], 2, .badValue, "link: 'satellite' is not one of wired, cellular"),
        (["[uplink p]", "host = h", "overtime_s = 100"], 2, .outOfRange, "overtime_s: 100 is outside 1…99"),
        (["[uplink p]", "host = h", "recount = 0"], 2, .outOfRange, "recount: 0 is outside 1…99"),
        (["[uplink p]", "host = h", "realtime_interval_s = 0"], 2, .outOfRange, "realtime_interval_s: 0 is outside 1…3600"),
        (["[uplink p]", "host = h", "minute_interval_min = 7"], 2, .badValue,
         "minute_interval_min: 7 is not an HJ 212 MinInterval (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)"),
        (["[uplink p]", "host = h", "sm4_key_file = /etc/k"], 2, .conflict,
         "sm4_key_file: has no meaning on profile 2017"),
        (["[uplink p]", "host = h", "heartbeat_s = 30"], 2, .conflict, "heartbeat_s: has no meaning on profile 2017"),
        (["[uplink p]", "host = h", "profile = 2025", "heartbeat_s = 1"], 3, .outOfRange, "heartbeat_s: 1 is outside 5…3600"),
        (["[uplink p]", "host = h", "profile = 2025", "sm4_key_file = keys/k"], 3, .badValue,
         "sm4_key_file: 'keys/k' is not an absolute path"),
        (["[uplink p]", "host = h", "backlog_rate = 0"], 2, .outOfRange, "backlog_rate: 0 is outside 1…10000"),
        (["[uplink p]", "host = h", "consumer = a b"], 2, .badValue, "consumer: 'a b' is not a name"),
        (["[uplink abcdefghijklmnopqrstuvwxyz0123]", "host = h"], 0, .badValue,
         "the default consumer 'hj212-abcdefghijklmnopqrstuvwxyz0123' is too long"),
        (["[uplink p]", "host = h", "event_cn = 2051"], 2, .conflict, "event_cn: 2051 is HJ 212's \"minute data\""),
        (["[uplink p]", "host = h", "event_cn = 72"], 2, .outOfRange, "event_cn: 72 is outside 1000…9999"),
        (["[uplink p]", "host = h", "events = some"], 2, .badValue, "events: 'some' is not one of all, warnings, alarms, none"),
        (["[uplink p]", "host = h", "decimals = 7"], 2, .outOfRange, "decimals: 7 is outside 0…6"),
        (["[uplink p]", "host = h", "hots = h"], 2, .unknownKey, "unknown key 'hots' in [uplink]"),
        (["[uplink p]", "host = h", "[uplink q]", "host = h", "consumer = hj212-p"], 4, .duplicate,
         "consumer: 'hj212-p' is already the consumer of the uplink on line"),
        (["[uplink p]", "host = h", "[uplink p]", "host = h"], 2, .duplicate, "[uplink p] is already defined on line"),
        (["[uplink]", "host = h"], 0, .syntax, "[uplink NAME] has no name"),
    ]

    @Test(arguments: 0..<errorCases.count)
    func eachErrorIsReportedAtItsLine(_ index: Int) {
        let (lines, at, code, fragment) = Self.errorCases[index]
        let result = Self.parse(lines)
        #expect(result.config == nil)
        #expect(result.errors.count == 1, "\(result.errors)")
        guard let error = result.errors.first else { return }
        #expect(error.line == Self.lineCount + at && error.code == code, "\(error)")
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test func atMostEightUplinks() {
        var lines: [String] = []
        for index in 1...9 { lines += ["[uplink u\(index)]", "host = h"] }
        let result = Self.parse(lines)
        #expect(result.errors.map(\.line) == [Self.lineCount + 16])
        #expect(result.errors.first?.code == .outOfRange)
        #expect(result.errors.first?.message.contains("at most 8 uplinks") == true)
    }

    @Test func exampleSiteUplinksToTheLocalRelay() throws {
        let config = try #require(
            SiteConfigParser.parse(text: try ConfigFixtures.board("example-site.conf"), file: "example-site.conf").config)
        let uplink = try #require(config.uplinks.first)
        #expect(config.uplinks.count == 1)
        #expect(uplink.host == "127.0.0.1" && uplink.port == 9212 && uplink.profile == .hj212_2017)
        #expect(uplink.realtimeIntervalSeconds == 1 && uplink.consumer == "hj212-relay")
    }

    @Test func referenceShowsBothProfiles() throws {
        let config = try #require(
            SiteConfigParser.parse(text: try ConfigFixtures.board("reference.conf"), file: "reference.conf").config)
        #expect(config.uplinks.map(\.profile) == [.hj212_2017, .hj212_2025])
        #expect(config.uplinks.last?.sm4KeyFile == "/etc/cmmgate/provincial.sm4")
    }
}
