import AgentCore

/// The last two sections of `cmmgate info`: the HJ 212 statistics rules (`[statistics]`) and how
/// the agent runs (`[agent]`). A header says when the file has no such section and the
/// defaults apply.
enum InfoSettings {
    static func statistics(_ config: SiteConfig) -> String {
        let rules = config.statistics
        let header = rules.line == nil ? "statistics (defaults: no [statistics] section):\n" : "statistics:\n"
        return header + InfoSections.labelled([
            ("minute", "valid with at least \(rules.minuteMinimumSamples) of 60 valid seconds"),
            ("hour", "valid with at least \(rules.hourMinimumMinutes) of 60 valid minutes"),
            ("day", "valid with at least \(rules.dayMinimumHours) of 24 valid hours"),
            ("normal fraction", "\(InfoSections.number(rules.normalFraction)) "
                + "(a period is normal when at least this fraction of its values are)"),
        ])
    }

    /// `[uplink NAME]` sections: where the data goes and how.
    static func uplinks(_ config: SiteConfig) -> String {
        guard !config.uplinks.isEmpty else { return "uplinks (0): none (data stays in the journal)\n" }
        var text = "uplinks (\(config.uplinks.count)):\n"
        for uplink in config.uplinks {
            text += "  \(uplink.name): HJ 212-\(uplink.profile.rawValue) to \(uplink.host):\(uplink.port) (\(uplink.link.rawValue)), "
                + "OverTime \(uplink.overTimeSeconds) s × \(uplink.reCount), real-time every \(uplink.realtimeIntervalSeconds) s, "
                + "backlog \(uplink.backlogFramesPerSecond)/s, events \(uplink.events.rawValue) as CN \(uplink.eventCommand), "
                + (uplink.sm4KeyFile.map { "SM4 key \($0)" } ?? "no encryption") + ", consumer \(uplink.consumer)\n"
        }
        return text
    }

    static func agent(_ config: SiteConfig) -> String {
        let agent = config.agent
        let header = agent.line == nil ? "agent (defaults: no [agent] section):\n" : "agent:\n"
        return header + InfoSections.labelled([
            ("journal", "\(agent.journalPath), \(agent.journalSizeMegabytes) MiB"),
            ("commit interval",
             "\(agent.commitIntervalMilliseconds) ms (a power cut loses at most the last interval's records)"),
            ("overwrite", overwriteText(agent.overwrite)),
            ("watchdog", watchdogText(agent)),
            ("log", "\(agent.log.rawValue), each kind of message at most \(agent.logBurst) at once "
                + "then \(agent.logPerMinute) per minute"),
            ("clock step", "\(agent.clockStepMilliseconds) ms (a wall-clock jump this large or larger is an event)"),
            ("clock sync check", agent.clockSyncCheck ? "yes" : "no (every record marked not synchronised)"),
            ("offline after", "\(agent.offlineAfterSeconds) s without an answer"),
        ])
    }

    private static func overwriteText(_ policy: AgentSettings.OverwritePolicy) -> String {
        switch policy {
        case .oldest: return "oldest (when full, unacknowledged records are overwritten and the gap journaled)"
        case .refuse: return "refuse (when full, unacknowledged records are kept and new ones dropped)"
        }
    }

    private static func watchdogText(_ agent: AgentSettings) -> String {
        let timing = "timeout \(agent.watchdogTimeoutSeconds) s, "
            + "kicked every \(InfoSections.number(Double(agent.watchdogTimeoutSeconds) / 2)) s"
        switch agent.watchdog {
        case .none: return "none"
        case .systemd: return "systemd, " + timing
        case .device:
            return "device \(agent.watchdogDevice), " + timing
                + ", magic close \(agent.watchdogMagicClose ? "yes (disarmed on an orderly stop)" : "no")"
        }
    }
}
