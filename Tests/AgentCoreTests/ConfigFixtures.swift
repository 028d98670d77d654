import AgentCore
import Foundation

/// Configuration texts for the tests: a small valid site, and the files in Board/.
enum ConfigFixtures {
    /// A valid site with one constant set, a serial and a TCP bus, a Modbus and a DL/T 645 meter,
    /// points and parameters for one oxidizer unit (working flow, gauge pressure, temperature,
    /// running status), an electricity meter and a pump outlet flow, and one cross-check; no
    /// `[agent]` or `[statistics]` (their defaults apply). Line numbers matter: the corpus edits
    /// lines by number, and finds them as the first line with that text.
    static let minimal = """
        [site]
        name = Test site
        mn = 010000A8900016F000169DC0
        password = 123456
        constants = set1

        [constants set1]
        version = test 1

        [bus b1]
        port = /dev/ttyS1

        [bus t1]
        transport = tcp
        host = 192.0.2.10

        [meter m1]
        protocol = modbus
        bus = b1
        slave = 1
        maker = Maker
        model = Model
        serial_number = S1
        range = 0-100
        accuracy = 1.0
        installation_point = inlet
        calibrated = 2025-01-01
        calibration_due = 2026-01-01

        [meter e1]
        protocol = dlt645
        bus = b1
        address = 123456789012
        maker = Maker
        model = Model
        serial_number = S2
        range = 5(60) A
        accuracy = 0.5S
        installation_point = cabinet
        calibrated = 2025-01-01
        calibration_due = 2027-01-01

        [point p1]
        meter = m1
        register = holding:0
        unit = m3/h

        [point k1]
        meter = e1
        di = 00010000
        unit = kWh

        [parameter flow]
        quantity = inlet_flow_working
        oxidizer = ox1
        point = p1
        factor = f1
        lower = 0
        upper = 3000
        unit = m3/h

        [parameter energy]
        quantity = electricity_generated
        point = k1
        factor = f2
        lower = 0
        upper = 1e8
        unit = kWh

        [point p2]
        meter = m1
        register = holding:2
        unit = C

        [point p3]
        meter = m1
        register = holding:4
        unit = kPa

        [point p4]
        meter = m1
        register = coil:0

        [point p5]
        meter = m1
        register = holding:6
        unit = m3/h

        [parameter temperature]
        quantity = inlet_temperature
        oxidizer = ox1
        point = p2
        factor = f3
        lower = -20
        upper = 80
        unit = C

        [parameter pressure]
        quantity = inlet_pressure
        oxidizer = ox1
        point = p3
        factor = f4
        lower = -10
        upper = 20
        unit = kPa
        pressure = gauge

        [parameter running]
        quantity = unit_running
        oxidizer = ox1
        point = p4
        factor = f5
        lower = 0
        upper = 1
        unit = 1

        [parameter pump]
        quantity = pump_outlet_flow
        point = p5
        factor = f6
        lower = 0
        upper = 5000
        unit = m3/h

        [crosscheck safe]
        inlet = flow
        reference = pump

        """

    /// `minimal` with line `number` (1-based) replaced by `text` (nil deletes it).
    static func minimal(replacingLine number: Int, with text: String?) -> String {
        var lines = minimal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let text { lines[number - 1] = text } else { lines.remove(at: number - 1) }
        return lines.joined(separator: "\n")
    }

    /// `minimal` with `text` appended as further lines.
    static func minimal(appending text: String) -> String { minimal + text }

    /// The 1-based line of `minimal` that is exactly `text` (trimmed), after the line `after`.
    static func line(of text: String, after: String? = nil) -> Int {
        let lines = minimal.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        if let after, let index = lines.firstIndex(where: { $0 == after }) { start = index }
        guard let index = lines[start...].firstIndex(where: { $0 == text }) else {
            preconditionFailure("fixture has no line '\(text)'")
        }
        return index + 1
    }

    /// The text of a file under Board/.
    static func board(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("Board").appendingPathComponent(name), encoding: .utf8)
    }

    static func parse(_ text: String) -> SiteConfigParser.Result {
        SiteConfigParser.parse(text: text, file: "site.conf")
    }
}
