/// Every section kind and key the site configuration accepts, with its default. The parser
/// rejects anything not listed here, and a test checks that Board/reference.conf documents
/// every key listed here, so the format, the parser and the reference never drift apart.
public struct ConfigSchema: Sendable {
    /// One key: its name and its default as it would be written in the file. nil: required;
    /// empty: unset unless another key calls for it (a serial bus's `port`, a Modbus `slave`).
    public struct Key: Sendable, Equatable {
        public var name: String
        public var defaultValue: String?

        public init(_ name: String, default defaultValue: String? = nil) {
            self.name = name
            self.defaultValue = defaultValue
        }
    }

    /// One section kind: `[site]`, `[agent]` and `[statistics]` are unnamed and appear at most
    /// once (`[site]` exactly once); the others are named.
    public struct Section: Sendable {
        public var kind: String
        public var isNamed: Bool
        public var keys: [Key]

        /// The key called `name`, or nil.
        public func key(_ name: String) -> Key? { keys.first { $0.name == name } }
    }

    /// The section kinds in the order the reference documents them.
    public static let sections: [Section] = [site, agent, statistics, constants, bus, meter, point, parameter,
                                             crosscheck, uplink]

    /// The section of kind `kind`, or nil.
    public static func section(_ kind: String) -> Section? { sections.first { $0.kind == kind } }

    static let site = Section(kind: "site", isNamed: false, keys: [
        Key("name"), Key("mn"), Key("password"),
        Key("st", default: "31"),
        Key("utc_offset", default: "+08:00"),
        Key("constants"),
    ])

    static let agent = Section(kind: "agent", isNamed: false, keys: [
        Key("journal", default: "/var/lib/cmmgate/journal"),
        Key("journal_size_mb", default: "64"),
        Key("commit_interval_ms", default: "1000"),
        Key("overwrite", default: "oldest"),
        Key("watchdog", default: "none"),
        Key("watchdog_device", default: "/dev/watchdog"),
        Key("watchdog_timeout_s", default: "30"),
        Key("watchdog_magic_close", default: "no"),
        Key("log", default: "stderr"),
        Key("log_burst", default: "10"),
        Key("log_per_minute", default: "6"),
        Key("clock_step_ms", default: "1000"),
        Key("clock_sync_check", default: "yes"),
        Key("offline_after_s", default: "5"),
    ])

    static let statistics = Section(kind: "statistics", isNamed: false, keys: [
        Key("minute_min_samples", default: "12"),
        Key("hour_min_minutes", default: "45"),
        Key("day_min_hours", default: "20"),
        Key("normal_fraction", default: "0.75"),
    ])

    static let constants = Section(kind: "constants", isNamed: true, keys: [
        Key("version"),
        Key("gwp_ch4", default: "21"),
        Key("ch4_density", default: "0.716"),
        Key("reference_temperature", default: "0"),
        Key("standard_pressure", default: "101.325"),
    ])

    static let bus = Section(kind: "bus", isNamed: true, keys: [
        Key("transport", default: "serial"),
        Key("port", default: ""),
        Key("baud", default: "9600"),
        Key("parity", default: "N"),
        Key("data_bits", default: "8"),
        Key("stop_bits", default: "1"),
        Key("direction", default: "kernel"),
        Key("guard_us", default: "0"),
        Key("host", default: ""),
        Key("tcp_port", default: "502"),
        Key("response_timeout_ms", default: "1000"),
        Key("retries", default: "2"),
    ])

    static let meter = Section(kind: "meter", isNamed: true, keys: [
        Key("protocol"), Key("bus"),
        Key("slave", default: ""),
        Key("address", default: ""),
        Key("maker"), Key("model"), Key("serial_number"), Key("range"), Key("accuracy"),
        Key("installation_point"), Key("calibrated"), Key("calibration_due"),
        Key("status_point", default: ""),
    ])

    static let point = Section(kind: "point", isNamed: true, keys: [
        Key("meter"),
        Key("register", default: ""),
        Key("type", default: "float32:ABCD"),
        Key("di", default: ""),
        Key("scale", default: "1"),
        Key("offset", default: "0"),
        Key("unit", default: ""),
    ])

    static let parameter = Section(kind: "parameter", isNamed: true, keys: [
        Key("quantity"),
        Key("oxidizer", default: ""),
        Key("point"),
        Key("factor"),
        Key("lower"), Key("upper"),
        Key("unit"),
        Key("period_s", default: "1"),
        Key("tolerance_s", default: "1"),
        Key("running_threshold", default: ""),
        Key("pressure", default: "absolute"),
        Key("atmosphere_kpa", default: "101.325"),
    ])

    static let crosscheck = Section(kind: "crosscheck", isNamed: true, keys: [
        Key("inlet"), Key("reference"),
        Key("tolerance_percent", default: "5"),
        Key("duration_s", default: "60"),
    ])

    /// `overtime_s` and `recount` are empty by default: `link` sets them (5 s × 3 wired, 10 s × 3
    /// cellular); `consumer` is empty by default: `hj212-NAME`.
    static let uplink = Section(kind: "uplink", isNamed: true, keys: [
        Key("host"),
        Key("port", default: "9212"),
        Key("profile", default: "2017"),
        Key("link", default: "wired"),
        Key("overtime_s", default: ""),
        Key("recount", default: ""),
        Key("realtime_interval_s", default: "1"),
        Key("minute_interval_min", default: "1"),
        Key("heartbeat_s", default: "60"),
        Key("sm4_key_file", default: ""),
        Key("backlog_rate", default: ""),
        Key("consumer", default: ""),
        Key("event_cn", default: "2072"),
        Key("events", default: "all"),
        Key("decimals", default: "3"),
    ])
}
