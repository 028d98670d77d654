@testable import AgentCore
import FieldBus
import Testing
import Wire

@Suite("Site configuration: valid files")
struct SiteConfigParserTests {
    @Test func minimalSiteParsesIntoTheModel() throws {
        let result = ConfigFixtures.parse(ConfigFixtures.minimal)
        #expect(result.errors == [])
        let config = try #require(result.config)
        #expect(config.identity == SiteIdentity(name: "Test site", mn: "010000A8900016F000169DC0", password: "123456",
                                                systemCode: "31", utcOffsetMinutes: 480, constantsName: "set1"))
        #expect(config.constants.gwpCH4 == 21)
        #expect(config.constants.ch4DensityKilogramsPerCubicMetre == 0.716)
        #expect(config.constants.referenceTemperature == .zeroCelsius)
        #expect(config.constants.standardPressureKilopascals == 101.325)
        #expect(config.buses.map(\.name) == ["b1", "t1"])
        let serial = BusConfig.Serial(port: "/dev/ttyS1", baud: 9600, parity: .none, dataBits: 8, stopBits: 1,
                                      direction: .kernel(delayBeforeSendMilliseconds: 0, delayAfterSendMilliseconds: 0),
                                      guardMicroseconds: 0)
        #expect(config.buses[0].transport == .serial(serial))
        #expect(config.buses[0].responseTimeoutMilliseconds == 1000 && config.buses[0].retries == 2)
        #expect(config.buses[1].transport == .modbusTCP(host: "192.0.2.10", port: 502))
        #expect(config.meters[0].address == .modbus(slave: 1))
        #expect(config.meters[1].address == .dlt645(try DLT645Address("123456789012")))
        #expect(config.meters[0].registry.calibrationDue == CalendarDate(parsing: "2026-01-01"))
        #expect(config.meters[0].line == ConfigFixtures.line(of: "[meter m1]"))
        #expect(config.points[0].source == .modbus(table: .holding, address: 0, type: .float32, order: .abcd))
        #expect(config.points[1].source == .dlt645(.forwardActiveEnergyTotal))
        #expect(config.parameters[0].quantity == .inletFlowWorking && config.parameters[0].oxidizer == "ox1")
        #expect(config.parameters[1].oxidizer == nil && config.parameters[1].upperLimit == 1e8)
        #expect(config.parameters[1].periodSeconds == 1)
    }

    @Test func explicitValuesOverrideDefaults() throws {
        let text = ConfigFixtures.minimal(appending: """
            [bus b2]
            port = /dev/ttyUSB0
            baud = 2400
            parity = E
            data_bits = 7
            stop_bits = 2
            direction = gpio:gpiochip0:17
            guard_us = 150
            response_timeout_ms = 500
            retries = 0
            [bus r1]
            transport = rtu-over-tcp
            host = 10.0.0.5
            tcp_port = 4001
            [point bits]
            meter = m1
            register = input:100
            type = int32:CDAB
            scale = 0.1
            offset = -5
            """)
        let config = try #require(ConfigFixtures.parse(text).config)
        let b2 = config.buses[2]
        #expect(b2.transport == .serial(BusConfig.Serial(port: "/dev/ttyUSB0", baud: 2400, parity: .even, dataBits: 7,
                                                         stopBits: 2, direction: .gpio(chip: "gpiochip0", line: 17),
                                                         guardMicroseconds: 150)))
        #expect(b2.responseTimeoutMilliseconds == 500 && b2.retries == 0)
        #expect(config.buses[3].transport == .rtuOverTCP(host: "10.0.0.5", port: 4001))
        let bits = try #require(config.points.first { $0.name == "bits" })
        #expect(bits.source == .modbus(table: .input, address: 100, type: .int32, order: .cdab))
        #expect(bits.scale == 0.1 && bits.offset == -5)
    }

    @Test func commentsBlankLinesCarriageReturnsAndHashesInValues() throws {
        let text = ConfigFixtures.minimal.replacingOccurrences(of: "\n", with: "\r\n")
            .replacingOccurrences(of: "password = 123456", with: "  # a comment\r\n\tpassword =  ab#1  ")
        let config = try #require(ConfigFixtures.parse(text).config)
        #expect(config.identity.password == "ab#1")
    }

    /// `[parameter NAME]` text for `quantity` on point p1, in its canonical unit, for oxidizer ox2
    /// when the quantity is per oxidizer.
    static func parameter(_ name: String, _ quantity: MethodologyQuantity, factor: String) -> String {
        let oxidizer = quantity.isPerOxidizer ? "oxidizer = ox2\n" : ""
        let threshold = quantity == .bedTemperature ? "running_threshold = 650\n" : ""
        let unit = MeasurementUnit.accepted(for: quantity)[0].symbol
        return "[parameter \(name)]\nquantity = \(quantity.rawValue)\npoint = p1\nfactor = \(factor)\nlower = 0\n"
            + "upper = 1\nunit = \(unit)\n\(oxidizer)\(threshold)"
    }

    @Test func everyQuantityIsExpressible() throws {
        for quantity in MethodologyQuantity.allCases {
            // A second oxidizer unit with what its accounting needs besides `quantity`.
            var companions: [MethodologyQuantity] = []
            if quantity.isPerOxidizer, quantity != .unitRunning, quantity != .bedTemperature {
                companions.append(.unitRunning)
            }
            if quantity == .inletFlowWorking { companions += [.inletTemperature, .inletPressure] }
            var text = ConfigFixtures.minimal(appending: Self.parameter("extra", quantity, factor: "x9"))
            for (index, companion) in companions.enumerated() {
                text += "\n" + Self.parameter("companion\(index)", companion, factor: "y\(index)")
            }
            let result = ConfigFixtures.parse(text)
            #expect(result.errors == [], "\(quantity)")
            let parameter = result.config?.parameter(named: "extra")
            #expect(parameter?.quantity == quantity)
            #expect(parameter?.runningThreshold == (quantity == .bedTemperature ? 650 : nil))
            #expect(parameter?.pressureReference == (quantity == .inletPressure ? .absolute : nil))
            #expect(parameter?.measurementUnit.isCanonical == true)
        }
    }

    @Test func overdueCalibrationsAreFoundOnTheirDay() throws {
        let config = try #require(ConfigFixtures.parse(ConfigFixtures.minimal).config)
        let dueDay = try #require(CalendarDate(parsing: "2026-01-01"))
        let dayAfter = try #require(CalendarDate(parsing: "2026-01-02"))
        #expect(config.metersWithOverdueCalibration(on: dueDay).isEmpty)
        #expect(config.metersWithOverdueCalibration(on: dayAfter).map(\.name) == ["m1"])
        #expect(config.calibrationWarnings(on: dayAfter, file: "site.conf")
                == ["site.conf:\(ConfigFixtures.line(of: "[meter m1]")): warning: meter m1 calibration was due 2026-01-01"])
    }
}
