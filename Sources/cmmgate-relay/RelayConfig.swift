/// The relay's configuration (`cmmgate-relay serve --config FILE`): where it listens, where it
/// stores, and the sites (gateways) it accepts. Read by `RelayConfigParser`; the format is in
/// docs/relay.md and Board/relay-example.conf.
struct RelayConfig: Sendable, Equatable {
    /// How SQLite makes a commit durable before the relay acknowledges what it holds.
    enum Synchronous: String, Sendable, Equatable {
        /// fsync the WAL at every commit: an acknowledged frame survives a power cut.
        case full
        /// fsync at checkpoints only: an acknowledged frame survives a relay crash, not a power cut.
        case normal
    }

    /// The address to listen on: an IPv4 or IPv6 literal (loopback by default).
    var listenHost = "127.0.0.1"
    /// The TCP port; 0 picks a free one (printed at start).
    var listenPort = 9212
    /// The SQLite database file.
    var databasePath = ""
    var synchronous = Synchronous.full
    /// Connections accepted at once; more are closed at once with a log line.
    var maxConnections = 256
    /// A connection with no bytes for this long is closed.
    var idleTimeoutSeconds = 600
    /// Send CN 1012 (set time) to a gateway once its first valid frame names its site.
    var setTimeOnConnect = true
    /// Pull minute/hour/day history (2051/2061/2031) for periods missing between two uploads.
    var historyPull = true
    /// How long a detected gap waits before its pull (the agent's own backfill usually fills it first).
    var historyPullDelaySeconds = 60
    var sites: [RelaySite] = []

    /// The site with data logger id `mn`.
    func site(mn: String) -> RelaySite? { sites.first { $0.mn == mn } }
}

/// HJ 212 edition a site speaks: the version bits of every Flag the relay writes to it.
enum RelayProfile: String, Sendable, Equatable {
    case hj2017 = "2017"
    case hj2025 = "2025"
}

/// One gateway the relay accepts: `[site MN]`.
struct RelaySite: Sendable, Equatable {
    /// HJ 212 MN (the section's name).
    var mn: String
    /// A name for logs and reports (the site config's name when not given).
    var name: String
    /// HJ 212 PW the gateway must send.
    var password: String
    var profile: RelayProfile
    /// SM4 key file (16 raw bytes or 32 hex digits), 2025 only.
    var sm4KeyFile: String?
    /// The site's agent configuration (Board/example-site.conf): factor codes → parameters, the
    /// UTC offset and the constant set for reports.
    var siteConfigPath: String?
    /// Local time minus UTC in minutes; from `utc_offset`, else the site config, else +08:00.
    var utcOffsetMinutes: Int?
    /// Length of the gateway's minute statistics period (HJ 212 MinInterval), minutes.
    var minuteIntervalMinutes = 1
    /// The gateway's real-time cadence (HJ 212 RtdInterval), s: reports count coverage against it.
    var realtimeIntervalSeconds = 1
    /// The factor code under which the gateway uploads its own day tCO2e (`-Cou` of its 2031), if any.
    var gatewayTCO2eFactor: String?
    /// The line of `[site MN]`.
    var line: Int

    /// The Flag version bits this site's frames carry.
    var flagVersionBits: UInt8 { profile == .hj2017 ? 1 : 2 }
}
