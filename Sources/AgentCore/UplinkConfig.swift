import Metering
import Wire

/// One HJ 212 uplink from `[uplink NAME]` (zero or more per site): the platform endpoint, the
/// protocol edition, the acknowledgement timing, the upload cadences and what is sent. Each
/// uplink is a journal consumer of its own (`consumer`), so its delivery cursor is durable and
/// independent of the others. docs/configuration.md explains every key; Board/reference.conf
/// lists them with their defaults.
public struct UplinkConfig: Sendable, Equatable {
    /// The HJ 212 edition spoken on the link (the Flag version bits, and what the edition adds).
    public enum Profile: String, Sendable, Equatable, CaseIterable {
        /// HJ 212-2017: Flag 4–7, no heartbeat, no encryption, no RF.
        case hj212_2017 = "2017"
        /// HJ 212-2025: Flag 8–11, heartbeat 9015, optional SM4 of the CP area, RF=1 on resends.
        case hj212_2025 = "2025"

        /// The Flag version bits of this edition.
        public var protocolVersion: HJ212ProtocolVersion {
            switch self {
            case .hj212_2017: .hj212_2017
            case .hj212_2025: .hj212_2025
            }
        }
    }

    /// The kind of network under the TCP connection, which sets the default acknowledgement
    /// timing (HJ 212-2017 Table 1: 10 s × 3 on cellular links, 5 s × 3 on ADSL/wired).
    public enum Link: String, Sendable, Equatable, CaseIterable {
        case wired
        case cellular

        /// The default `OverTime`, s.
        public var defaultOverTimeSeconds: Int {
            switch self {
            case .wired: 5
            case .cellular: 10
            }
        }

        /// The default `ReCount`.
        public var defaultReCount: Int { 3 }

        /// The default backlog rate, messages/s: on a LAN a day's outage of 1-s data drains in
        /// under a minute (the target; the measured drain is bounded by acknowledgement
        /// round trips, docs/BENCHMARKS.md), a metered cellular link is kept gentle (20/s).
        public var defaultBacklogFramesPerSecond: Int {
            switch self {
            case .wired: 3000
            case .cellular: 20
            }
        }
    }

    /// Which agent events are uploaded (`events`), by severity.
    public enum EventSelection: String, Sendable, Equatable, CaseIterable {
        /// Every event (info, warning and alarm).
        case all
        /// Warnings and alarms.
        case warnings
        /// Alarms only.
        case alarms
        /// No event is uploaded.
        case none

        /// Whether an event of `severity` is uploaded.
        public func includes(_ severity: AgentEvent.Severity) -> Bool {
            switch self {
            case .all: true
            case .warnings: severity >= .warning
            case .alarms: severity >= .alarm
            case .none: false
            }
        }
    }

    /// HJ 212-2017 §6.3.3 `MinInterval`: the minute-data intervals the standard allows, min.
    public static let minuteIntervals = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30]
    /// The default journal consumer name of uplink `name`.
    public static func defaultConsumer(for name: String) -> String { "hj212-" + name }

    /// The section's name.
    public var name: String
    /// The platform's host name or address.
    public var host: String
    /// The platform's TCP port.
    public var port: Int
    public var profile: Profile
    public var link: Link
    /// `OverTime`: seconds to wait for an acknowledgement (1…99; the platform may change it
    /// with CN 1000).
    public var overTimeSeconds: Int
    /// `ReCount`: retries after a missing acknowledgement before the link counts as down (1…99).
    public var reCount: Int
    /// `RtdInterval`: seconds between real-time uploads (CN 2011), 1…3600.
    public var realtimeIntervalSeconds: Int
    /// `MinInterval`: one of `minuteIntervals`, minutes.
    public var minuteIntervalMinutes: Int
    /// Seconds between heartbeats (CN 9015) on an idle link; nil under the 2017 profile.
    public var heartbeatSeconds: Int?
    /// Absolute path of the SM4 key file (2025 only): when set, the CP area of the commands
    /// HJ 212-2025 requires is encrypted. The key never appears in the main configuration.
    public var sm4KeyFile: String?
    /// Largest number of backlog (not real-time) messages sent per second while catching up.
    public var backlogFramesPerSecond: Int
    /// The journal consumer name of this uplink (its durable delivery cursor).
    public var consumer: String
    /// The CN of uploaded agent events. HJ 212-2017 and -2025 define no alarm upload; the
    /// default 2072 is HJ/T 212-2005's "upload alarm record", a code no later edition reuses.
    public var eventCommand: Int
    public var events: EventSelection
    /// Decimals written for values (`-Rtd`, `-Min`, `-Avg`, `-Max`, `-Cou`), 0…6.
    public var decimals: Int
    /// The line of the section header.
    public var line: Int

    public init(name: String, host: String, port: Int, profile: Profile, link: Link, overTimeSeconds: Int,
                reCount: Int, realtimeIntervalSeconds: Int, minuteIntervalMinutes: Int, heartbeatSeconds: Int?,
                sm4KeyFile: String?, backlogFramesPerSecond: Int, consumer: String, eventCommand: Int,
                events: EventSelection, decimals: Int, line: Int) {
        self.name = name; self.host = host; self.port = port; self.profile = profile; self.link = link
        self.overTimeSeconds = overTimeSeconds; self.reCount = reCount
        self.realtimeIntervalSeconds = realtimeIntervalSeconds; self.minuteIntervalMinutes = minuteIntervalMinutes
        self.heartbeatSeconds = heartbeatSeconds; self.sm4KeyFile = sm4KeyFile
        self.backlogFramesPerSecond = backlogFramesPerSecond; self.consumer = consumer
        self.eventCommand = eventCommand; self.events = events; self.decimals = decimals; self.line = line
    }

    /// The Flag version bits of the profile.
    public var protocolVersion: HJ212ProtocolVersion { profile.protocolVersion }
}
