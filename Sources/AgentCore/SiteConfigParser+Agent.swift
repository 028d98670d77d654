/// Readers of `[agent]` and `[statistics]`: optional sections whose every key has a default.
extension SiteConfigParser {
    mutating func readAgent(_ reader: inout ConfigSectionReader) {
        let journal = absolutePath("journal", &reader)
        let size = reader.integer("journal_size_mb", in: 1...4096)
        let commit = reader.integer("commit_interval_ms", in: 100...60_000)
        let overwrite = reader.choice("overwrite", AgentSettings.OverwritePolicy.allCases.map { ($0.rawValue, $0) })
        let watchdog = reader.choice("watchdog", AgentSettings.WatchdogBackend.allCases.map { ($0.rawValue, $0) })
        let device = absolutePath("watchdog_device", &reader)
        let timeout = reader.integer("watchdog_timeout_s", in: 2...600)
        let magicClose = yesNo("watchdog_magic_close", &reader)
        switch watchdog {
        case .none?:
            rejectUnlessDefault(["watchdog_device", "watchdog_timeout_s", "watchdog_magic_close"],
                                reason: "watchdog = none", &reader)
        case .systemd?:
            rejectUnlessDefault(["watchdog_device", "watchdog_magic_close"], reason: "watchdog = systemd", &reader)
        case .device?, nil: break
        }
        let log = reader.choice("log", AgentSettings.LogDestination.allCases.map { ($0.rawValue, $0) })
        let burst = reader.integer("log_burst", in: 1...1000)
        let perMinute = reader.integer("log_per_minute", in: 1...6000)
        let clockStep = reader.integer("clock_step_ms", in: 10...3_600_000)
        let syncCheck = yesNo("clock_sync_check", &reader)
        let offline = reader.integer("offline_after_s", in: 1...3600)
        guard reader.errors.isEmpty, let journal, let size, let commit, let overwrite, let watchdog, let device,
              let timeout, let magicClose, let log, let burst, let perMinute, let clockStep, let syncCheck,
              let offline else { return }
        agent = AgentSettings(
            journalPath: journal, journalSizeMegabytes: size, commitIntervalMilliseconds: commit, overwrite: overwrite,
            watchdog: watchdog, watchdogDevice: device, watchdogTimeoutSeconds: timeout, watchdogMagicClose: magicClose,
            log: log, logBurst: burst, logPerMinute: perMinute, clockStepMilliseconds: clockStep,
            clockSyncCheck: syncCheck, offlineAfterSeconds: offline, line: reader.section.line)
    }

    mutating func readStatistics(_ reader: inout ConfigSectionReader) {
        let minute = reader.integer("minute_min_samples", in: 1...60)
        let hour = reader.integer("hour_min_minutes", in: 1...60)
        let day = reader.integer("day_min_hours", in: 1...24)
        var fraction = reader.number("normal_fraction", in: 0...1)
        if fraction == 0 {
            reader.fail(.outOfRange, key: "normal_fraction", "0 is outside 0…1 (0 itself excluded)")
            fraction = nil
        }
        guard let minute, let hour, let day, let fraction else { return }
        statistics = StatisticsSettings(minuteMinimumSamples: minute, hourMinimumMinutes: hour, dayMinimumHours: day,
                                        normalFraction: fraction, line: reader.section.line)
    }

    /// `yes` or `no` for `key`.
    func yesNo(_ key: String, _ reader: inout ConfigSectionReader) -> Bool? {
        reader.choice(key, [("yes", true), ("no", false)])
    }

    /// An absolute path for `key`: it starts with '/' and holds no blank (the agent's working
    /// directory is no place for a journal).
    func absolutePath(_ key: String, _ reader: inout ConfigSectionReader) -> String? {
        guard let text = reader.text(key) else { return nil }
        guard text.hasPrefix("/"), !text.contains(where: { $0 == " " || $0 == "\t" }) else {
            reader.fail(.badValue, key: key, "'\(text)' is not an absolute path (it starts with '/', without blanks)")
            return nil
        }
        return text
    }
}
