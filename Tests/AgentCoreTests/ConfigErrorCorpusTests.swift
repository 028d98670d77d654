import AgentCore
import Testing

/// A corpus of broken configurations: each must report exactly the expected errors, each at
/// its line, and never stop at the first.
@Suite("Site configuration: errors with file and line")
struct ConfigErrorCorpusTests {
    struct Case: CustomStringConvertible, Sendable {
        var description: String
        var text: String
        /// (line, code, a fragment of the message) of every expected error, in line order.
        var expected: [(Int, ConfigError.Code, String)]
    }

    static func replacing(_ line: String, after: String? = nil, with text: String?) -> (Int, String) {
        let number = ConfigFixtures.line(of: line, after: after)
        return (number, ConfigFixtures.minimal(replacingLine: number, with: text))
    }

    static func single(_ description: String, _ line: String, after: String? = nil, with text: String?,
                       _ code: ConfigError.Code, _ fragment: String, atHeader header: String? = nil) -> Case {
        let (number, edited) = replacing(line, after: after, with: text)
        let reported = header.map { ConfigFixtures.line(of: $0) } ?? number
        return Case(description: description, text: edited, expected: [(reported, code, fragment)])
    }

    /// `minimal` with `text` inserted after line `line` (after `after`); the error is on the new line.
    static func inserted(_ description: String, _ text: String, after line: String, within: String? = nil,
                         _ code: ConfigError.Code, _ fragment: String) -> Case {
        let number = ConfigFixtures.line(of: line, after: within)
        var lines = ConfigFixtures.minimal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(text, at: number)
        return Case(description: description, text: lines.joined(separator: "\n"), expected: [(number + 1, code, fragment)])
    }

    /// `minimal` with `lines` appended; the error is on the last of them.
    static func appended(_ description: String, _ lines: [String], _ code: ConfigError.Code,
                         _ fragment: String) -> Case {
        Case(description: description, text: ConfigFixtures.minimal(appending: lines.joined(separator: "\n")),
             expected: [(lineCount + lines.count - 1, code, fragment)])
    }

    /// The line on which text appended to `minimal` starts (it ends with a newline).
    static let lineCount = ConfigFixtures.minimal.split(separator: "\n", omittingEmptySubsequences: false).count

    static let cases: [Case] = [
        inserted("garbage line", "baud 9600", after: "port = /dev/ttyS1", .syntax, "neither"),
        inserted("unknown key", "slav = 1", after: "slave = 1", .unknownKey, "unknown key 'slav'"),
        single("unknown section", "[bus t1]", with: "[buss t1]", .unknownKey, "unknown section [buss]"),
        single("unclosed header", "[bus t1]", with: "[bus t1", .syntax, "does not end with ]"),
        single("nameless bus", "[bus t1]", with: "[bus]", .syntax, "has no name"),
        single("short MN", "mn = 010000A8900016F000169DC0", with: "mn = 010000A89", .badValue, "24 hexadecimal"),
        single("long password", "password = 123456", with: "password = 1234567", .badValue, "HJ 212 PW"),
        inserted("bad UTC offset", "utc_offset = 8", after: "password = 123456", .badValue, "±HH:MM"),
        inserted("far UTC offset", "utc_offset = +15:00", after: "password = 123456", .outOfRange, "-12:00"),
        inserted("bad baud", "baud = 9601", after: "port = /dev/ttyS1", .badValue, "'9601' is not one of"),
        inserted("bad direction", "direction = gpio:17", after: "port = /dev/ttyS1", .badValue, "gpio:CHIP:LINE"),
        inserted("serial key on TCP", "baud = 2400", after: "host = 192.0.2.10", .conflict, "no meaning on a TCP bus"),
        single("slave 0", "slave = 1", with: "slave = 0", .outOfRange, "outside 1…247"),
        single("slave not a number", "slave = 1", with: "slave = one", .badValue, "not a whole number"),
        single("bad DL/T 645 address", "address = 123456789012", with: "address = 12345678901A", .badValue,
               "12 decimal digits"),
        single("unreal date", "calibrated = 2025-01-01", with: "calibrated = 2025-02-30", .badValue, "real date"),
        single("due before calibration", "calibration_due = 2026-01-01", with: "calibration_due = 2024-01-01",
               .conflict, "not after"),
        single("meter on unknown bus", "bus = b1", with: "bus = b9", .danglingReference, "bus 'b9' is not defined",
               atHeader: "[meter m1]"),
        single("point on unknown meter", "meter = m1", with: "meter = m9", .danglingReference, "meter 'm9'",
               atHeader: "[point p1]"),
        single("parameter on unknown point", "point = p1", with: "point = p9", .danglingReference, "point 'p9'",
               atHeader: "[parameter flow]"),
        single("unknown constant set", "constants = set1", with: "constants = set9", .danglingReference,
               "[constants set9]", atHeader: "[site]"),
        inserted("bad register type", "type = float33", after: "register = holding:0", .badValue, "type 'float33'"),
        single("bad register table", "register = holding:0", with: "register = holdings:0", .badValue,
               "TABLE:ADDRESS"),
        single("register past the end", "register = holding:0", with: "register = holding:65535", .outOfRange,
               "does not fit"),
        single("DI on a Modbus meter", "register = holding:0", with: "di = 00010000", .conflict, "speaks Modbus",
               atHeader: "[point p1]"),
        single("bad DI", "di = 00010000", with: "di = 0001000G", .badValue, "8 hexadecimal"),
        single("unknown quantity", "quantity = inlet_flow_working", with: "quantity = inlet_flow", .badValue,
               "inlet_flow_working, inlet_flow_standard"),
        single("per-oxidizer without oxidizer", "oxidizer = ox1", with: nil, .missing, "set 'oxidizer'",
               atHeader: "[parameter flow]"),
        single("upper not above lower", "upper = 3000", with: "upper = 0", .conflict, "not above lower"),
        single("NaN limit", "upper = 3000", with: "upper = nan", .badValue, "not a number"),
        single("missing required key", "maker = Maker", with: nil, .missing, "needs 'maker'", atHeader: "[meter m1]"),
        single("empty required value", "unit = m3/h", after: "[parameter flow]", with: "unit =", .missing,
               "needs 'unit', and it is empty"),
        Case(description: "two meters at one Modbus address", text: ConfigFixtures.minimal(appending: """
            [meter m2]
            protocol = modbus
            bus = b1
            slave = 1
            maker = M
            model = M
            serial_number = S3
            range = r
            accuracy = 1
            installation_point = i
            calibrated = 2025-01-01
            calibration_due = 2026-01-01
            """), expected: [(lineCount, .duplicate, "modbus slave 1 on bus b1 is also meter m1")]),
        single("DL/T 645 meter on a TCP bus", "bus = b1", after: "[meter e1]", with: "bus = t1", .conflict,
               "DL/T 645 needs a serial bus", atHeader: "[meter e1]"),
        inserted("duplicate key", "bus = b1", after: "slave = 1", .duplicate, "already set on line"),
        single("duplicate factor code", "factor = f2", with: "factor = f1", .duplicate, "factor code f1",
               atHeader: "[parameter energy]"),
        inserted("zero period", "period_s = 0", after: "unit = kWh", within: "[parameter energy]", .outOfRange,
                 "outside 1…3600"),
        inserted("zero scale", "scale = 0", after: "unit = m3/h", within: "[point p1]", .outOfRange, "every reading 0"),
        inserted("GWP out of range", "gwp_ch4 = 0", after: "version = test 1", .outOfRange, "outside 1.0…100.0"),
        inserted("reference temperature 15", "reference_temperature = 15", after: "version = test 1", .badValue,
                 "not one of 0, 20"),
        Case(description: "duplicate meter name", text: ConfigFixtures.minimal(appending: """
            [meter m1]
            protocol = modbus
            """), expected: [(lineCount, .duplicate, "[meter m1] is already defined on line")]),
        // [agent] and [statistics]: words, ranges, meaningless keys, at most once, no name.
        appended("unknown watchdog", ["[agent]", "watchdog = hardware"], .badValue,
                 "watchdog: 'hardware' is not one of none, device, systemd"),
        appended("unknown overwrite policy", ["[agent]", "overwrite = newest"], .badValue,
                 "overwrite: 'newest' is not one of oldest, refuse"),
        appended("clock sync check not yes or no", ["[agent]", "clock_sync_check = true"], .badValue,
                 "'true' is not one of yes, no"),
        appended("journal too large", ["[agent]", "journal_size_mb = 8192"], .outOfRange,
                 "journal_size_mb: 8192 is outside 1…4096"),
        appended("relative journal path", ["[agent]", "journal = cmmgate/journal"], .badValue,
                 "journal: 'cmmgate/journal' is not an absolute path"),
        appended("watchdog device without the device watchdog", ["[agent]", "watchdog_device = /dev/watchdog1"],
                 .conflict, "watchdog_device: has no meaning on watchdog = none"),
        appended("magic close under systemd", ["[agent]", "watchdog = systemd", "watchdog_magic_close = yes"],
                 .conflict, "watchdog_magic_close: has no meaning on watchdog = systemd"),
        appended("normal fraction 0", ["[statistics]", "normal_fraction = 0"], .outOfRange, "0 itself excluded"),
        appended("day needs more hours than it has", ["[statistics]", "day_min_hours = 25"], .outOfRange,
                 "day_min_hours: 25 is outside 1…24"),
        Case(description: "[agent] twice", text: ConfigFixtures.minimal(appending: "[agent]\n[agent]\n"),
             expected: [(lineCount + 1, .duplicate, "[agent] is already given on line \(lineCount)")]),
        appended("[statistics] with a name", ["[statistics hj212]"], .syntax, "[statistics] takes no name"),
        // [crosscheck NAME]: references at the key's line, by existence and by quantity.
        single("cross-check on an unknown reference", "reference = pump", with: "reference = pump9",
               .danglingReference, "reference: no [parameter pump9] is defined (crosscheck safe)"),
        single("cross-check on an unknown inlet", "inlet = flow", with: "inlet = flow, flow9", .danglingReference,
               "inlet: no [parameter flow9] is defined"),
        single("cross-check inlet that is no inlet flow", "inlet = flow", with: "inlet = temperature", .badValue,
               "inlet: parameter temperature measures inlet_temperature, not an oxidizer inlet flow "
               + "(inlet_flow_working or inlet_flow_standard)"),
        single("cross-check reference that is no pump flow", "reference = pump", with: "reference = flow", .badValue,
               "reference: parameter flow measures inlet_flow_working, not the extraction pump's outlet flow "
               + "(pump_outlet_flow)"),
        single("cross-check inlet listed twice", "inlet = flow", with: "inlet = flow, flow", .duplicate,
               "parameter flow is listed twice"),
        single("cross-check without inlet", "inlet = flow", with: nil, .missing, "[crosscheck safe] needs 'inlet'",
               atHeader: "[crosscheck safe]"),
        // Parameters: units the accounting converts, the pressure keys, what an oxidizer needs.
        single("flow in litres per second", "unit = m3/h", after: "[parameter flow]", with: "unit = l/s", .badValue,
               "unit: 'l/s' is not a unit of inlet_flow_working (m3/h, m3/min, m3/s)"),
        single("temperature in Fahrenheit", "unit = C", after: "[parameter temperature]", with: "unit = F",
               .badValue, "'F' is not a unit of inlet_temperature (C, K)"),
        single("running status in percent", "unit = 1", with: "unit = %", .badValue,
               "'%' is not a unit of unit_running (1)"),
        inserted("pressure key on a flow", "pressure = gauge", after: "unit = m3/h", within: "[parameter flow]",
                 .conflict, "pressure: has no meaning on a parameter other than inlet_pressure"),
        inserted("atmosphere on a temperature", "atmosphere_kpa = 95", after: "unit = C",
                 within: "[parameter temperature]", .conflict, "atmosphere_kpa: has no meaning on a parameter other"),
        single("atmosphere on an absolute pressure", "pressure = gauge", with: "atmosphere_kpa = 95", .conflict,
               "atmosphere_kpa: has no meaning on an absolute pressure"),
        single("unknown pressure reference", "pressure = gauge", with: "pressure = relative", .badValue,
               "pressure: 'relative' is not one of absolute, gauge"),
        Case(description: "two temperatures for one oxidizer", text: ConfigFixtures.minimal(appending: """
            [parameter temperature2]
            quantity = inlet_temperature
            oxidizer = ox1
            point = p2
            factor = f9
            lower = -20
            upper = 80
            unit = K
            """), expected: [(lineCount, .duplicate,
                              "parameter temperature2: oxidizer ox1 already has inlet_temperature (parameter "
                              + "temperature on line \(ConfigFixtures.line(of: "[parameter temperature]")))")]),
        single("oxidizer without a running status", "oxidizer = ox1", after: "[parameter running]",
               with: "oxidizer = ox2", .missing,
               "parameter flow: oxidizer ox1 has no unit_running or bed_temperature parameter",
               atHeader: "[parameter flow]"),
        Case(description: "working flow without its temperature (a typo in the oxidizer)",
             text: replacing("oxidizer = ox1", after: "[parameter temperature]", with: "oxidizer = oxl").1,
             expected: [
                (ConfigFixtures.line(of: "[parameter flow]"), .missing,
                 "parameter flow: oxidizer ox1 has a working-condition flow but no inlet_temperature parameter"),
                (ConfigFixtures.line(of: "[parameter temperature]"), .missing,
                 "parameter temperature: oxidizer oxl has no unit_running or bed_temperature parameter"),
             ]),
        Case(description: "no site", text: "[constants c]\nversion = v\n", expected: [(1, .missing, "no [site]")]),
        Case(description: "key before any section", text: "a = b\n[site]\n", expected: [
            (1, .syntax, "before any [section]"), (2, .missing, "needs 'name'"), (2, .missing, "needs 'mn'"),
            (2, .missing, "needs 'password'"), (2, .missing, "needs 'constants'"),
        ]),
    ]

    @Test(arguments: cases)
    func reportsEachErrorAtItsLine(_ testCase: Case) {
        let result = ConfigFixtures.parse(testCase.text)
        #expect(result.config == nil)
        let got = result.errors.map { "\($0.line) \($0.code) \($0.message)" }
        #expect(result.errors.count == testCase.expected.count, "\(got)")
        for (error, (line, code, fragment)) in zip(result.errors, testCase.expected) {
            #expect(error.line == line && error.code == code, "\(got)")
            #expect(error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'")
            #expect(error.file == "site.conf")
            #expect(error.description == "site.conf:\(line): \(error.message)")
        }
    }

    @Test func reportsEveryErrorOfTheFileAtOnce() {
        // Apply every single-line edit of the corpus that keeps its line, then expect all of them.
        var lines = ConfigFixtures.minimal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edits: [(String, String)] = [
            ("mn = 010000A8900016F000169DC0", "mn = xyz"), ("slave = 1", "slave = 300"),
            ("calibrated = 2025-01-01", "calibrated = yesterday"), ("di = 00010000", "di = 1"),
            ("upper = 3000", "upper = -1"), ("port = /dev/ttyS1", "prot = /dev/ttyS1"),
        ]
        var expectedLines: [Int] = []
        for (original, replacement) in edits {
            let number = ConfigFixtures.line(of: original)
            lines[number - 1] = replacement
            expectedLines.append(number)
        }
        // 'prot' is unknown, and the serial bus then lacks its port: reported at the header.
        expectedLines.append(ConfigFixtures.line(of: "[bus b1]"))
        let result = ConfigFixtures.parse(lines.joined(separator: "\n"))
        #expect(result.config == nil)
        #expect(result.errors.map(\.line) == expectedLines.sorted(), "\(result.errors)")
    }
}
