import AgentCore

/// The strict, line-based parser of the relay configuration, in the agent's syntax
/// (`ConfigDocument`: `[section]`, `key = value`, `#` comments). Every problem is collected with
/// its file and line, never just the first; `config` is made only when there are none. Relative
/// paths are resolved against the configuration file's directory. Pure: the caller reads the file.
///
///     [relay]                     listen, database, synchronous, max_connections, idle_timeout_s,
///                                 set_time_on_connect, history_pull, history_pull_delay_s
///     [site MN]                   password, profile (2017|2025), sm4_key_file, site_config, name,
///                                 utc_offset, minute_interval, realtime_interval_s, gateway_tco2e_factor
struct RelayConfigParser {
    struct Result: Sendable {
        var config: RelayConfig?
        var errors: [ConfigError]
    }

    static let relayKeys: Set<String> = ["listen", "database", "synchronous", "max_connections", "idle_timeout_s",
                                         "set_time_on_connect", "history_pull", "history_pull_delay_s"]
    static let siteKeys: Set<String> = ["password", "profile", "sm4_key_file", "site_config", "name", "utc_offset",
                                        "minute_interval", "realtime_interval_s", "gateway_tco2e_factor"]

    let file: String
    var errors: [ConfigError] = []
    var config = RelayConfig()

    /// Parses `text`; `file` names the file in errors and anchors relative paths.
    static func parse(text: String, file: String) -> Result {
        var parser = RelayConfigParser(file: file)
        let document = ConfigDocument(text: text, file: file)
        parser.errors = document.errors
        var relayLine: Int?
        for section in document.sections where !section.kind.isEmpty {
            switch section.kind {
            case "relay":
                if let relayLine {
                    parser.fail(.duplicate, "[relay] is already given on line \(relayLine)", section.line)
                } else {
                    relayLine = section.line
                    parser.readRelay(section)
                }
            case "site": parser.readSite(section)
            default: parser.fail(.unknownKey, "unknown section [\(section.kind)] (known: relay, site)", section.line)
            }
        }
        if relayLine == nil { parser.fail(.missing, "no [relay] section", 1) }
        if parser.config.sites.isEmpty { parser.fail(.missing, "no [site MN] section: the relay would accept no gateway", 1) }
        let errors = parser.errors.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
        return Result(config: errors.isEmpty ? parser.config : nil, errors: errors)
    }

    private mutating func fail(_ code: ConfigError.Code, _ message: String, _ line: Int) {
        errors.append(ConfigError(code, message, file: file, line: line))
    }

    private mutating func readRelay(_ section: ConfigDocument.Section) {
        if !section.name.isEmpty { fail(.syntax, "[relay] takes no name", section.line) }
        var sawDatabase = false
        for entry in entries(section, allowed: Self.relayKeys) {
            switch entry.key {
            case "listen": readListen(entry)
            case "database":
                sawDatabase = true
                config.databasePath = resolve(entry.value)
            case "synchronous":
                if let value = RelayConfig.Synchronous(rawValue: entry.value) { config.synchronous = value } else {
                    fail(.badValue, "synchronous '\(entry.value)' is not full or normal", entry.line)
                }
            case "max_connections": config.maxConnections = integer(entry, 1...65_536) ?? config.maxConnections
            case "idle_timeout_s": config.idleTimeoutSeconds = integer(entry, 1...86_400) ?? config.idleTimeoutSeconds
            case "set_time_on_connect": config.setTimeOnConnect = boolean(entry) ?? config.setTimeOnConnect
            case "history_pull": config.historyPull = boolean(entry) ?? config.historyPull
            default:
                config.historyPullDelaySeconds = integer(entry, 0...86_400) ?? config.historyPullDelaySeconds
            }
        }
        if !sawDatabase { fail(.missing, "[relay] needs database = FILE", section.line) }
    }

    private mutating func readListen(_ entry: ConfigDocument.Entry) {
        let value = entry.value
        guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]),
              (0...65_535).contains(port) else {
            fail(.badValue, "listen '\(value)' is not HOST:PORT (an IP address and a port 0…65535)", entry.line)
            return
        }
        var host = String(value[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            fail(.badValue, "listen '\(value)' has no address (127.0.0.1 for loopback only)", entry.line)
            return
        }
        config.listenHost = host
        config.listenPort = port
    }

    private mutating func readSite(_ section: ConfigDocument.Section) {
        let mn = section.name
        guard mn.utf8.count >= 1, mn.utf8.count <= 24,
              mn.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x46) }) else {
            fail(.badValue, "[site \(mn)]: the name is the gateway's MN, up to 24 characters 0-9 A-F", section.line)
            return
        }
        if let earlier = config.site(mn: mn) {
            fail(.duplicate, "[site \(mn)] is already given on line \(earlier.line)", section.line)
            return
        }
        var site = RelaySite(mn: mn, name: mn, password: "", profile: .hj2017, line: section.line)
        var seen: Set<String> = []
        for entry in entries(section, allowed: Self.siteKeys) {
            seen.insert(entry.key)
            readSiteKey(entry, into: &site)
        }
        for key in ["password", "profile"] where !seen.contains(key) {
            fail(.missing, "[site \(mn)] needs \(key) = …", section.line)
        }
        if site.sm4KeyFile != nil, site.profile == .hj2017 {
            fail(.conflict, "[site \(mn)]: sm4_key_file needs profile = 2025 (HJ 212-2017 has no encryption)", section.line)
        }
        config.sites.append(site)
    }

    private mutating func readSiteKey(_ entry: ConfigDocument.Entry, into site: inout RelaySite) {
        switch entry.key {
        case "password":
            let ok = !entry.value.isEmpty && entry.value.utf8.allSatisfy { $0 > 0x20 && ![0x3B, 0x2C, 0x26, 0x3D].contains($0) }
            if ok { site.password = entry.value } else {
                fail(.badValue, "password must be non-empty without blanks or ; , & =", entry.line)
            }
        case "profile":
            if let profile = RelayProfile(rawValue: entry.value) { site.profile = profile } else {
                fail(.badValue, "profile '\(entry.value)' is not 2017 or 2025", entry.line)
            }
        case "sm4_key_file": site.sm4KeyFile = resolve(entry.value)
        case "site_config": site.siteConfigPath = resolve(entry.value)
        case "name": site.name = entry.value
        case "utc_offset":
            if let minutes = CivilTime.parseOffset(entry.value) { site.utcOffsetMinutes = minutes } else {
                fail(.badValue, "utc_offset '\(entry.value)' is not +HH:MM or -HH:MM", entry.line)
            }
        case "minute_interval":
            let allowed = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30]
            if let n = Int(entry.value), allowed.contains(n) { site.minuteIntervalMinutes = n } else {
                fail(.badValue, "minute_interval '\(entry.value)' is not one of HJ 212's MinInterval values 1 2 3 4 5 6 10 12 15 20 30",
                     entry.line)
            }
        case "realtime_interval_s":
            site.realtimeIntervalSeconds = integer(entry, 1...3600) ?? site.realtimeIntervalSeconds
        default: site.gatewayTCO2eFactor = entry.value
        }
    }

    /// The entries of `section` whose keys are allowed; the others are reported.
    private mutating func entries(_ section: ConfigDocument.Section, allowed: Set<String>) -> [ConfigDocument.Entry] {
        var kept: [ConfigDocument.Entry] = []
        for entry in section.entries {
            if allowed.contains(entry.key) {
                kept.append(entry)
            } else {
                fail(.unknownKey, "unknown key '\(entry.key)' in [\(section.kind)] (known: \(allowed.sorted().joined(separator: ", ")))",
                     entry.line)
            }
        }
        return kept
    }

    private mutating func integer(_ entry: ConfigDocument.Entry, _ range: ClosedRange<Int>) -> Int? {
        guard let n = Int(entry.value) else {
            fail(.badValue, "\(entry.key) '\(entry.value)' is not an integer", entry.line)
            return nil
        }
        guard range.contains(n) else {
            fail(.outOfRange, "\(entry.key) \(n) is outside \(range.lowerBound)…\(range.upperBound)", entry.line)
            return nil
        }
        return n
    }

    private mutating func boolean(_ entry: ConfigDocument.Entry) -> Bool? {
        switch entry.value {
        case "yes", "true", "on": return true
        case "no", "false", "off": return false
        default:
            fail(.badValue, "\(entry.key) '\(entry.value)' is not yes or no", entry.line)
            return nil
        }
    }

    /// `path` as given when absolute, else relative to the configuration file's directory.
    func resolve(_ path: String) -> String {
        guard !path.hasPrefix("/"), let slash = file.lastIndex(of: "/") else { return path }
        return String(file[...slash]) + path
    }
}
