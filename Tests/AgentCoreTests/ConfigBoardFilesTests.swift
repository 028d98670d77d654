import AgentCore
import Testing

/// Board/reference.conf and Board/example-site.conf are part of the product: they must parse,
/// and the reference must document every key the parser knows, with its default.
@Suite("Site configuration: Board files")
struct ConfigBoardFilesTests {
    @Test func referenceParses() throws {
        let result = SiteConfigParser.parse(text: try ConfigFixtures.board("reference.conf"), file: "reference.conf")
        #expect(result.errors == [])
    }

    @Test func referenceDocumentsEveryKeyWithItsDefault() throws {
        let document = ConfigDocument(text: try ConfigFixtures.board("reference.conf"), file: "reference.conf")
        for schema in ConfigSchema.sections {
            let sections = document.sections.filter { $0.kind == schema.kind }
            #expect(!sections.isEmpty, "reference.conf lacks a [\(schema.kind)] section")
            for key in schema.keys {
                let entries = sections.flatMap(\.entries).filter { $0.key == key.name }
                #expect(!entries.isEmpty, "reference.conf lacks [\(schema.kind)] \(key.name)")
                if let defaultValue = key.defaultValue, !defaultValue.isEmpty {  // empty: unset, shown with an example
                    #expect(entries.contains { $0.value == defaultValue },
                            "reference.conf shows [\(schema.kind)] \(key.name) other than its default '\(defaultValue)'")
                }
            }
        }
    }

    @Test func referenceHasNoKeyTheParserDoesNotKnow() throws {
        let document = ConfigDocument(text: try ConfigFixtures.board("reference.conf"), file: "reference.conf")
        for section in document.sections {
            let schema = try #require(ConfigSchema.section(section.kind), "unknown [\(section.kind)]")
            for entry in section.entries {
                #expect(schema.key(entry.key) != nil, "[\(section.kind)] \(entry.key) on line \(entry.line)")
            }
        }
    }

    @Test func exampleSiteValidatesWithTheDemoMetersAndEveryKindOfInstrument() throws {
        let result = SiteConfigParser.parse(text: try ConfigFixtures.board("example-site.conf"), file: "example-site.conf")
        #expect(result.errors == [])
        let config = try #require(result.config)
        let quantities = Set(config.parameters.map(\.quantity))
        for needed: MethodologyQuantity in [.inletFlowWorking, .inletCH4Fraction, .inletTemperature, .inletPressure,
                                            .unitRunning, .pumpOutletFlow, .pumpOutletCH4Fraction,
                                            .electricityGenerated, .heatSupplied] {
            #expect(quantities.contains(needed), "example lacks \(needed)")
        }
        // What Scripts/demo's simulator serves: slave 1 float32 at holding 0, 2, 4, 6 and coil 0;
        // DL/T 645 meter 123456789012 with 00010000.
        let flowComputer = try #require(config.meters.first { $0.address == .modbus(slave: 1) })
        let served = config.points.filter { $0.meter == flowComputer.name }.map(\.source)
        #expect(served == [0, 2, 4, 6].map { .modbus(table: .holding, address: $0, type: .float32, order: .abcd) }
                + [.modbus(table: .coil, address: 0, type: .uint16, order: .abcd)])
        #expect(config.meters.contains { $0.address == .dlt645(try! .init("123456789012")) })
        // And what `cmmgate-sim --example-site` adds: the pump outlet (slave 2) float32 at holding
        // 0 and 2, the heat meter (slave 3) uint32:CDAB at holding 10.
        for (slave, sources): (UInt8, [PointConfig.Source]) in [(2, [0, 2].map { PointConfig.Source.modbus(table: .holding, address: $0, type: .float32,
                                                                             order: .abcd) }),
                                 (3, [.modbus(table: .holding, address: 10, type: .uint32, order: .cdab)])] {
            let meter = try #require(config.meters.first { $0.address == .modbus(slave: slave) })
            #expect(config.points.filter { $0.meter == meter.name }.map(\.source) == sources, "slave \(slave)")
        }
    }

    @Test func exampleSiteHasTheAgentStatisticsAndSafeTransportCrossCheck() throws {
        let config = try #require(
            SiteConfigParser.parse(text: try ConfigFixtures.board("example-site.conf"), file: "example-site.conf").config)
        #expect(config.agent.journalPath.hasPrefix("/var/lib/cmmgate/"))
        #expect(config.agent.line != nil && config.statistics.line != nil)
        #expect(config.statistics.minuteMinimumSamples == 12 && config.statistics.normalFraction == 0.75)
        #expect(config.crossChecks.map(\.name) == ["safe-transport"])
        #expect(config.crossChecks.first?.inletParameters == ["ox1-inlet-flow"])
        #expect(config.crossChecks.first?.referenceParameter == "pump-outlet-flow")
        #expect(config.oxidizers == ["ox1"])
        let pressure = try #require(config.parameter(.inletPressure, oxidizer: "ox1"))
        guard case .gauge(let atmosphere)? = pressure.pressureReference else {
            Issue.record("the example's inlet pressure is gauge")
            return
        }
        #expect(pressure.absolutePressureKilopascals(3.2) == atmosphere + 3.2)
    }
}
