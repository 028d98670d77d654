import Wire

/// What an `UplinkSession` needs to know about its link, its platform and its own pacing. The
/// daemon builds it from the site identity and the `[uplink]` section; the platform may change
/// some of it at run time (CN 1000 OverTime/ReCount, 1062 RtdInterval, 1064 MinInterval, 1072
/// password), and the session then reports the whole new value with `.settingsChanged`.
///
/// Numbers are clamped to workable ranges when the session takes them (`normalised`); the
/// configuration parser is where a bad value is reported to the integrator.
public struct UplinkSessionSettings: Sendable, Equatable {
    /// The edition spoken on the link: `.hj212_2017` (Flag 4–7) or `.hj212_2025` (Flag 8–11,
    /// heartbeat 9015, RF=1 on resends). Anything else is treated as 2017.
    public var profile: HJ212ProtocolVersion
    /// The device id written in every frame and checked on every request.
    public var mn: String
    /// The access password (`PW`) written in every frame and checked on every request.
    public var password: String
    /// `ST` of the field data uploads this session writes itself (1011, 1061, 1063, heartbeat);
    /// 9011/9012 replies carry 91 (system interaction) as in HJ 212-2017 App. C.
    public var systemCode: HJ212SystemCode
    /// Minutes east of UTC of the time HJ 212 writes (QN, SystemTime, BeginTime/EndTime).
    public var utcOffsetMinutes: Int
    /// `OverTime`: seconds to wait for an acknowledgement (1…99).
    public var overTimeSeconds: Int
    /// `ReCount`: resends after a missing acknowledgement before the link counts as down (1…99).
    public var reCount: Int
    /// Seconds of silence after which a heartbeat (CN 9015) is sent; 2025 profile only, nil = none.
    public var heartbeatSeconds: Int?
    /// First reconnection delay after the link went down, s; doubled after each failure.
    public var reconnectInitialSeconds: Int
    /// Largest reconnection delay, s.
    public var reconnectCapSeconds: Int
    /// Seconds a connection attempt may take before it counts as failed.
    public var connectTimeoutSeconds: Int
    /// Backlog and history frames sent per second at most (a token bucket with a 1 s burst).
    public var backlogFramesPerSecond: Int
    /// `RtdInterval`: real-time records are uploaded when their second is a multiple of this.
    public var realtimeIntervalSeconds: Int
    /// `MinInterval`, minutes (stored and reported; the agent's statistics stay per minute).
    public var minuteIntervalMinutes: Int
    /// Real-time (live) frames awaiting their 9014 at once.
    public var liveWindow: Int
    /// Live messages waiting for a free live slot; a live batch that does not fit is left to
    /// the backlog.
    public var liveQueueLimit: Int
    /// Backlog and history frames awaiting their 9014 at once.
    public var backlogWindow: Int
    /// Messages asked for per journal read (backlog page, history page).
    public var fetchLimit: Int
    /// Seconds between journal reads once the backlog is drained (a safety net: live batches
    /// normally carry everything new).
    public var backlogRecheckSeconds: Int

    /// The values of `MinInterval` HJ 212-2017 §6.3.3 allows, minutes.
    public static let minuteIntervals = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30]

    public init(profile: HJ212ProtocolVersion, mn: String, password: String,
                systemCode: HJ212SystemCode = .airPollutionSource, utcOffsetMinutes: Int = 480,
                overTimeSeconds: Int = 10, reCount: Int = 3, heartbeatSeconds: Int? = nil,
                reconnectInitialSeconds: Int = 1, reconnectCapSeconds: Int = 60, connectTimeoutSeconds: Int = 10,
                backlogFramesPerSecond: Int = 2000, realtimeIntervalSeconds: Int = 1, minuteIntervalMinutes: Int = 1,
                liveWindow: Int = 2, liveQueueLimit: Int = 16, backlogWindow: Int = 8, fetchLimit: Int = 32,
                backlogRecheckSeconds: Int = 10) {
        self.profile = profile; self.mn = mn; self.password = password; self.systemCode = systemCode
        self.utcOffsetMinutes = utcOffsetMinutes; self.overTimeSeconds = overTimeSeconds; self.reCount = reCount
        self.heartbeatSeconds = heartbeatSeconds; self.reconnectInitialSeconds = reconnectInitialSeconds
        self.reconnectCapSeconds = reconnectCapSeconds; self.connectTimeoutSeconds = connectTimeoutSeconds
        self.backlogFramesPerSecond = backlogFramesPerSecond; self.realtimeIntervalSeconds = realtimeIntervalSeconds
        self.minuteIntervalMinutes = minuteIntervalMinutes; self.liveWindow = liveWindow
        self.liveQueueLimit = liveQueueLimit; self.backlogWindow = backlogWindow; self.fetchLimit = fetchLimit
        self.backlogRecheckSeconds = backlogRecheckSeconds
    }

    /// Whether the HJ 212-2025 rules apply (heartbeat, RF=1, key update 1014).
    public var isEdition2025: Bool { profile == .hj212_2025 }

    /// The Flag of a frame of this profile.
    public func flag(ackRequired: Bool, split: Bool) -> HJ212Flag {
        HJ212Flag(version: isEdition2025 ? .hj212_2025 : .hj212_2017, ackRequired: ackRequired, split: split)
    }

    /// These settings with every number in a range the session can work with: OverTime and
    /// ReCount 1…99, intervals and windows at least 1, the back-off cap at least its start.
    public var normalised: UplinkSessionSettings {
        var copy = self
        copy.overTimeSeconds = min(max(overTimeSeconds, 1), 99)
        copy.reCount = min(max(reCount, 1), 99)
        copy.heartbeatSeconds = isEdition2025 ? heartbeatSeconds.map { max($0, 1) } : nil
        copy.reconnectInitialSeconds = max(reconnectInitialSeconds, 1)
        copy.reconnectCapSeconds = max(reconnectCapSeconds, copy.reconnectInitialSeconds)
        copy.connectTimeoutSeconds = max(connectTimeoutSeconds, 1)
        copy.backlogFramesPerSecond = min(max(backlogFramesPerSecond, 1), 1_000_000)
        copy.realtimeIntervalSeconds = min(max(realtimeIntervalSeconds, 1), 3600)
        copy.liveWindow = max(liveWindow, 1)
        copy.liveQueueLimit = max(liveQueueLimit, 1)
        copy.backlogWindow = max(backlogWindow, 1)
        copy.fetchLimit = max(fetchLimit, 1)
        copy.backlogRecheckSeconds = max(backlogRecheckSeconds, 1)
        return copy
    }
}
