import Wire

/// The reader of `[uplink NAME]`: one HJ 212 platform endpoint per section (zero or more).
extension SiteConfigParser {
    /// The journal keeps at most this many consumer cursors (Journal's segment header), one per uplink.
    static let maximumUplinks = 8

    mutating func readUplink(_ reader: inout ConfigSectionReader) {
        let host = uplinkHost(&reader)
        let port = reader.integer("port", in: 1...65_535)
        let profile = reader.choice("profile", UplinkConfig.Profile.allCases.map { ($0.rawValue, $0) })
        let link = reader.choice("link", UplinkConfig.Link.allCases.map { ($0.rawValue, $0) })
        let overTime = optionalInteger("overtime_s", in: 1...99, &reader)
        let reCount = optionalInteger("recount", in: 1...99, &reader)
        let realtime = reader.integer("realtime_interval_s", in: 1...3600)
        let minute = minuteInterval(&reader)
        let profileSettings = profileKeys(profile, &reader)
        let backlog = optionalInteger("backlog_rate", in: 1...10_000, &reader)
        let consumer = uplinkConsumer(&reader)
        let eventCommand = uplinkEventCommand(&reader)
        let events = reader.choice("events", UplinkConfig.EventSelection.allCases.map { ($0.rawValue, $0) })
        let decimals = reader.integer("decimals", in: 0...6)
        if definedSections.filter({ $0.hasPrefix("uplink ") }).count > Self.maximumUplinks {
            reader.fail(.outOfRange, "\(reader.title): at most \(Self.maximumUplinks) uplinks (the journal keeps one cursor each)",
                        line: reader.section.line)
        }
        guard reader.errors.isEmpty, let host, let port, let profile, let link, let overTime, let reCount,
              let realtime, let minute, let profileSettings, let backlog, let consumer, let eventCommand,
              let events, let decimals else { return }
        uplinks.append(UplinkConfig(
            name: reader.section.name, host: host, port: port, profile: profile, link: link,
            overTimeSeconds: overTime ?? link.defaultOverTimeSeconds, reCount: reCount ?? link.defaultReCount,
            realtimeIntervalSeconds: realtime, minuteIntervalMinutes: minute, heartbeatSeconds: profileSettings.heartbeat,
            sm4KeyFile: profileSettings.keyFile, backlogFramesPerSecond: backlog ?? link.defaultBacklogFramesPerSecond, consumer: consumer,
            eventCommand: eventCommand, events: events, decimals: decimals, line: reader.section.line))
    }

    /// `host`: a host name or address, without blanks or a port.
    private func uplinkHost(_ reader: inout ConfigSectionReader) -> String? {
        guard let host = reader.text("host") else { return nil }
        guard host.utf8.count <= 253, !host.contains(where: { $0 == " " || $0 == "\t" || $0 == "/" }) else {
            reader.fail(.badValue, key: "host", "'\(host)' is not a host name or address (no blanks or '/', at most 253)")
            return nil
        }
        return host
    }

    /// A whole number of `key` within `range`, or `.some(nil)` when the key is unset (empty
    /// default: another key decides); nil when unreadable.
    private func optionalInteger(_ key: String, in range: ClosedRange<Int>,
                                 _ reader: inout ConfigSectionReader) -> Int?? {
        guard let text = reader.text(key) else { return nil }
        if text.isEmpty { return .some(nil) }
        guard let value = reader.integer(key, in: range) else { return nil }
        return .some(value)
    }

    /// `minute_interval_min`: one of HJ 212's MinInterval values.
    private func minuteInterval(_ reader: inout ConfigSectionReader) -> Int? {
        guard let value = reader.integer("minute_interval_min", in: 1...30) else { return nil }
        guard UplinkConfig.minuteIntervals.contains(value) else {
            let allowed = UplinkConfig.minuteIntervals.map(String.init).joined(separator: ", ")
            reader.fail(.badValue, key: "minute_interval_min", "\(value) is not an HJ 212 MinInterval (\(allowed))")
            return nil
        }
        return value
    }

    /// `heartbeat_s` and `sm4_key_file`: HJ 212-2025 only. Under 2017 they are conflicts unless
    /// left at their defaults, and both read as nil. nil when the profile or a value is unreadable.
    private func profileKeys(_ profile: UplinkConfig.Profile?,
                             _ reader: inout ConfigSectionReader) -> (heartbeat: Int?, keyFile: String?)? {
        guard let profile else { return nil }
        guard profile == .hj212_2025 else {
            rejectUnlessDefault(["heartbeat_s", "sm4_key_file"],
                                reason: "profile 2017 (HJ 212-2017 has no heartbeat and no encryption)", &reader)
            return (nil, nil)
        }
        let heartbeat = reader.integer("heartbeat_s", in: 5...3600)
        var keyFile: String?
        if let text = reader.text("sm4_key_file"), !text.isEmpty {
            keyFile = absolutePath("sm4_key_file", &reader)
            if keyFile == nil { return nil }
        }
        guard let heartbeat else { return nil }
        return (heartbeat, keyFile)
    }

    /// `consumer`: the journal consumer name, `hj212-NAME` by default; 1…32 name characters and
    /// unique among the uplinks.
    private mutating func uplinkConsumer(_ reader: inout ConfigSectionReader) -> String? {
        guard let text = reader.text("consumer") else { return nil }
        let consumer = text.isEmpty ? UplinkConfig.defaultConsumer(for: reader.section.name) : text
        guard ConfigName.isValid(consumer) else {
            let why = text.isEmpty ? "the default consumer '\(consumer)' is too long; set 'consumer'"
                                   : "'\(consumer)' is not a name (\(ConfigName.rule))"
            reader.fail(.badValue, key: "consumer", why)
            return nil
        }
        if let earlier = uplinkConsumers[consumer] {
            reader.fail(.duplicate, key: "consumer", "'\(consumer)' is already the consumer of the uplink on line \(earlier)")
            return nil
        }
        uplinkConsumers[consumer] = reader.line(of: "consumer")
        return consumer
    }

    /// `event_cn`: four digits, not a command HJ 212 (2017 or 2025) defines, so an event can never
    /// be taken for data or a reply.
    private func uplinkEventCommand(_ reader: inout ConfigSectionReader) -> Int? {
        guard let code = reader.integer("event_cn", in: 1000...9999) else { return nil }
        if let name = HJ212CommandCode(code).name {
            reader.fail(.conflict, key: "event_cn", "\(code) is HJ 212's \"\(name)\"; choose a code the standard does not define")
            return nil
        }
        return code
    }
}
