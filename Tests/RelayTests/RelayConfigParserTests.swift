import Testing
@testable import cmmgate_relay

struct RelayConfigParserTests {
    @Test func aCompleteConfigurationIsRead() throws {
        let text = """
            # comment
            [relay]
            listen = [::1]:0
            database = data/relay.db
            synchronous = normal
            max_connections = 8
            set_time_on_connect = no
            history_pull_delay_s = 5

            [site 010000A8900016F000169DC0]
            password = 123456
            profile = 2025
            sm4_key_file = /etc/keys/site.key
            site_config = sites/example.conf
            minute_interval = 5
            utc_offset = +05:30
            """
        let result = RelayConfigParser.parse(text: text, file: "/etc/cmmgate/relay.conf")
        #expect(result.errors.isEmpty)
        let config = try #require(result.config)
        #expect(config.listenHost == "::1" && config.listenPort == 0 && config.databasePath == "/etc/cmmgate/data/relay.db")
        #expect(config.synchronous == .normal && config.maxConnections == 8 && !config.setTimeOnConnect)
        #expect(config.historyPull && config.historyPullDelaySeconds == 5)
        let site = try #require(config.site(mn: "010000A8900016F000169DC0"))
        #expect(site.profile == .hj2025 && site.sm4KeyFile == "/etc/keys/site.key")
        #expect(site.siteConfigPath == "/etc/cmmgate/sites/example.conf" && site.minuteIntervalMinutes == 5)
        #expect(site.utcOffsetMinutes == 330 && site.line == 10)
    }

    @Test func everyProblemIsReportedWithItsLine() {
        let text = """
            [relay]
            listen = 127.0.0.1
            max_connections = 0
            colour = blue

            [site xyz]
            [site 0A]
            profile = 2017
            sm4_key_file = k
            [site 0A]
            password = p
            profile = 2017
            [nonsense]
            """
        let result = RelayConfigParser.parse(text: text, file: "r.conf")
        #expect(result.config == nil)
        #expect(result.errors.map(\.description) == [
            "r.conf:1: [relay] needs database = FILE",
            "r.conf:2: listen '127.0.0.1' is not HOST:PORT (an IP address and a port 0…65535)",
            "r.conf:3: max_connections 0 is outside 1…65536",
            "r.conf:4: unknown key 'colour' in [relay] (known: database, history_pull, history_pull_delay_s, idle_timeout_s, listen, max_connections, set_time_on_connect, synchronous)",
            "r.conf:6: [site xyz]: the name is the gateway's MN, up to 24 characters 0-9 A-F",
            "r.conf:7: [site 0A] needs password = …",
            "r.conf:7: [site 0A]: sm4_key_file needs profile = 2025 (HJ 212-2017 has no encryption)",
            "r.conf:10: [site 0A] is already given on line 7",
            "r.conf:13: unknown section [nonsense] (known: relay, site)",
        ])
    }
}
