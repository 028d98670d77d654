import AgentCore
import Testing

/// Every bounded key, at its bounds and just past them: the bounds are accepted, the values
/// past them are errors on the key's line.
@Suite("Site configuration: every key's range")
struct ConfigRangeTests {
    struct Bound: CustomStringConvertible, Sendable {
        /// The section header the key is set in: one of `minimal`'s, or a section appended to it.
        var header: String
        var key: String
        var accepted: [String]
        var rejected: [String]
        /// Further lines an appended section needs for the key to have a meaning.
        var context: [String] = []
        var description: String { "\(header) \(key)" }
    }

    static let bounds: [Bound] = [
        Bound(header: "[site]", key: "utc_offset", accepted: ["-12:00", "+14:00", "+05:45"],
              rejected: ["-12:01", "+14:01", "+08:60", "08:00"]),
        Bound(header: "[site]", key: "password", accepted: ["a", "abcdef"], rejected: ["abcdefg", "ab;c"]),
        Bound(header: "[site]", key: "st", accepted: ["00", "99"], rejected: ["1", "100", "3a"]),
        Bound(header: "[constants set1]", key: "gwp_ch4", accepted: ["1", "100", "27.9"], rejected: ["0.99", "100.1"]),
        Bound(header: "[constants set1]", key: "ch4_density", accepted: ["0.5", "1.0", "0.667"],
              rejected: ["0.49", "1.01", "inf"]),
        Bound(header: "[constants set1]", key: "reference_temperature", accepted: ["0", "20"], rejected: ["15", "-0"]),
        Bound(header: "[constants set1]", key: "standard_pressure", accepted: ["80", "120"], rejected: ["79.9", "120.1"]),
        Bound(header: "[bus b1]", key: "baud", accepted: ["1200", "115200"], rejected: ["600", "230400", "9600.0"]),
        Bound(header: "[bus b1]", key: "parity", accepted: ["N", "E", "O"], rejected: ["n", "M"]),
        Bound(header: "[bus b1]", key: "data_bits", accepted: ["7", "8"], rejected: ["6", "9"]),
        Bound(header: "[bus b1]", key: "stop_bits", accepted: ["1", "2"], rejected: ["0", "1.5"]),
        Bound(header: "[bus b1]", key: "direction",
              accepted: ["kernel:1000:1000", "gpio:gpiochip0:17", "rts", "none"],
              rejected: ["kernel:1001:0", "gpio::1", "auto"]),
        Bound(header: "[bus b1]", key: "guard_us", accepted: ["0", "100000"], rejected: ["-1", "100001"]),
        Bound(header: "[bus b1]", key: "response_timeout_ms", accepted: ["10", "60000"], rejected: ["9", "60001"]),
        Bound(header: "[bus b1]", key: "retries", accepted: ["0", "10"], rejected: ["-1", "11"]),
        Bound(header: "[bus t1]", key: "tcp_port", accepted: ["1", "65535"], rejected: ["0", "65536"]),
        Bound(header: "[bus t1]", key: "transport", accepted: ["tcp", "rtu-over-tcp"], rejected: ["udp"]),
        Bound(header: "[meter m1]", key: "slave", accepted: ["1", "247"], rejected: ["0", "248"]),
        Bound(header: "[meter m1]", key: "calibration_due", accepted: ["2025-01-02", "9999-12-31"],
              rejected: ["2025-01-01", "10000-01-01"]),
        Bound(header: "[point p1]", key: "register", accepted: ["holding:0", "holding:65534", "input:7", "coil:65535", "discrete:3"],
              rejected: ["holding:65535", "holding:-1", "coils:0", "coil:65536"]),
        Bound(header: "[point k1]", key: "di", accepted: ["FFFFFFFF", "02010100"], rejected: ["1000000", "100000000"]),
        Bound(header: "[parameter flow]", key: "period_s", accepted: ["1", "3600"], rejected: ["0", "3601"]),
        Bound(header: "[parameter flow]", key: "factor", accepted: ["a", "abcdefghijklmnop"],
              rejected: ["abcdefghijklmnopq", "a b", "a_b"]),
        // On a quantity of no oxidizer: renaming flow's unit would leave ox1 and the new one incomplete.
        Bound(header: "[parameter energy]", key: "oxidizer", accepted: [String(repeating: "x", count: 32)],
              rejected: [String(repeating: "x", count: 33), "ox 1"]),
        Bound(header: "[parameter flow]", key: "tolerance_s", accepted: ["0", "3600"], rejected: ["-1", "3601", "1.5"]),
        Bound(header: "[parameter flow]", key: "unit", accepted: ["m3/h", "m3/min", "m3/s"],
              rejected: ["Nm3/h", "m3", "l/s", "M3/H"]),
        Bound(header: "[parameter pump]", key: "unit", accepted: ["m3/h", "m3/min", "m3/s"], rejected: ["Nm3/h", "t/h"]),
        Bound(header: "[parameter temperature]", key: "unit", accepted: ["C", "K"], rejected: ["°C", "F", "c"]),
        Bound(header: "[parameter pressure]", key: "unit", accepted: ["kPa", "Pa", "MPa"], rejected: ["bar", "kpa"]),
        Bound(header: "[parameter running]", key: "unit", accepted: ["1"], rejected: ["%", "", "on"]),
        Bound(header: "[parameter energy]", key: "unit", accepted: ["kWh", "MWh"], rejected: ["Wh", "GJ"]),
        Bound(header: "[parameter pressure]", key: "pressure", accepted: ["absolute", "gauge"],
              rejected: ["relative", "Gauge"]),
        Bound(header: "[parameter pressure]", key: "atmosphere_kpa", accepted: ["50", "120", "96.5"],
              rejected: ["49.9", "120.1", "1 atm"]),
        Bound(header: "[crosscheck safe]", key: "tolerance_percent", accepted: ["0", "100", "2.5"],
              rejected: ["-0.1", "100.1"]),
        Bound(header: "[crosscheck safe]", key: "duration_s", accepted: ["1", "86400"], rejected: ["0", "86401"]),
        Bound(header: "[crosscheck safe]", key: "inlet", accepted: ["flow"],
              rejected: ["flow,", "flow;pump", "flow, flow", "flow, pump"]),
        Bound(header: "[crosscheck safe]", key: "reference", accepted: ["pump"], rejected: ["flow", "pump, pump"]),
        Bound(header: "[agent]", key: "journal", accepted: ["/j", "/data/cmmgate/journal.bin"],
              rejected: ["journal", "/a b", "./journal"]),
        Bound(header: "[agent]", key: "journal_size_mb", accepted: ["1", "4096"], rejected: ["0", "4097"]),
        Bound(header: "[agent]", key: "commit_interval_ms", accepted: ["100", "60000"], rejected: ["99", "60001"]),
        Bound(header: "[agent]", key: "overwrite", accepted: ["oldest", "refuse"], rejected: ["newest", "Oldest"]),
        Bound(header: "[agent]", key: "watchdog", accepted: ["none", "device", "systemd"], rejected: ["hardware", "None"]),
        Bound(header: "[agent]", key: "watchdog_device", accepted: ["/dev/watchdog1"], rejected: ["dev/watchdog"],
              context: ["watchdog = device"]),
        Bound(header: "[agent]", key: "watchdog_timeout_s", accepted: ["2", "600"], rejected: ["1", "601"],
              context: ["watchdog = device"]),
        Bound(header: "[agent]", key: "watchdog_magic_close", accepted: ["yes", "no"], rejected: ["on", "Yes"],
              context: ["watchdog = device"]),
        Bound(header: "[agent]", key: "log", accepted: ["stderr", "syslog"], rejected: ["file"]),
        Bound(header: "[agent]", key: "log_burst", accepted: ["1", "1000"], rejected: ["0", "1001"]),
        Bound(header: "[agent]", key: "log_per_minute", accepted: ["1", "6000"], rejected: ["0", "6001"]),
        Bound(header: "[agent]", key: "clock_step_ms", accepted: ["10", "3600000"], rejected: ["9", "3600001"]),
        Bound(header: "[agent]", key: "clock_sync_check", accepted: ["yes", "no"], rejected: ["true", "1"]),
        Bound(header: "[agent]", key: "offline_after_s", accepted: ["1", "3600"], rejected: ["0", "3601"]),
        Bound(header: "[statistics]", key: "minute_min_samples", accepted: ["1", "60"], rejected: ["0", "61"]),
        Bound(header: "[statistics]", key: "hour_min_minutes", accepted: ["1", "60"], rejected: ["0", "61"]),
        Bound(header: "[statistics]", key: "day_min_hours", accepted: ["1", "24"], rejected: ["0", "25"]),
        Bound(header: "[statistics]", key: "normal_fraction", accepted: ["1", "0.0001", "0.75"],
              rejected: ["0", "-0", "1.01", "-0.5"]),
    ]

    /// `minimal` with `key = value` set in the section under `header` (replacing the key's line
    /// when the section has one; appending the section, with `context`, when `minimal` has
    /// none), and the line it is on.
    static func setting(_ key: String, _ value: String, under header: String,
                        context: [String] = []) -> (text: String, line: Int) {
        var lines = ConfigFixtures.minimal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.contains(header) else {
            let appended = [header] + context + ["\(key) = \(value)"]
            return ((lines + appended).joined(separator: "\n"), lines.count + appended.count)
        }
        let start = ConfigFixtures.line(of: header)
        var index = start
        while index < lines.count, !lines[index].isEmpty, !lines[index].hasPrefix("[") {
            if lines[index].hasPrefix(key + " =") {
                lines[index] = "\(key) = \(value)"
                return (lines.joined(separator: "\n"), index + 1)
            }
            index += 1
        }
        lines.insert("\(key) = \(value)", at: start)
        return (lines.joined(separator: "\n"), start + 1)
    }

    @Test(arguments: bounds)
    func boundsAreAcceptedAndValuesPastThemRejected(_ bound: Bound) {
        for value in bound.accepted {
            let (text, _) = Self.setting(bound.key, value, under: bound.header, context: bound.context)
            #expect(ConfigFixtures.parse(text).errors == [], "\(bound) = \(value)")
        }
        for value in bound.rejected {
            let (text, line) = Self.setting(bound.key, value, under: bound.header, context: bound.context)
            let errors = ConfigFixtures.parse(text).errors
            #expect(errors.count == 1 && errors.first?.line == line, "\(bound) = \(value): \(errors)")
        }
    }
}
