import AgentCore
import Testing
@testable import cmmgate_relay

struct DayReportBuilderTests {
    static let site: SiteConfig? = SiteConfigParser.parse(text: Fixture.repositoryFile("Board/example-site.conf"),
                                                          file: "example-site.conf").config
    let t0 = Fixture.tenOClock

    func builder(start: Int64, end: Int64, interval: Int = 1, site: SiteConfig? = Self.site) -> DayReportBuilder {
        let parameters = site?.parameters.map { (name: $0.name, factor: $0.factorCode) } ?? [("a", "a"), ("b", "b")]
        return DayReportBuilder(mn: Fixture.mn, name: "test", start: start, end: end, utcOffsetMinutes: 480,
                                intervalSeconds: interval, parameters: parameters, siteConfig: site)
    }

    /// The example site's nine factors: ox1 running on 1500 m3/h at 2.5 % CH4, 20 °C, 3 kPa gauge.
    func second(flow: Double? = 1500, flowFlag: String = "N", ch4: Double? = 2.5, running: Double = 1, kWh: Double = 1000,
                heat: Double = 50) -> DayReportBuilder.Second {
        var values: DayReportBuilder.Second = ["g01-temp": (20, "N"), "g01-press": (3, "N"), "g01-run": (running, "N"),
                                               "p01-flow": (1450, "N"), "p01-ch4": (30, "N"), "e01-gen": (kWh, "N"),
                                               "h01-heat": (heat, "N")]
        values["g01-flow"] = (flow, flowFlag)
        if let ch4 { values["g01-ch4"] = (ch4, "N") }
        return values
    }

    @Test func coverageAndOutagesCountExpectedSamples() {
        var b = builder(start: t0, end: t0 + 12, site: nil)
        for s in [0, 1, 2, 5, 6, 7, 8, 9] as [Int64] {
            b.add(s == 6 ? ["a": (1, "T")] : ["a": (1, "N"), "b": (nil, "B")], time: t0 + s)
        }
        let report = b.finish(events: [], frames: (8, 1, 0), gatewayFactor: nil, gatewayTonnesCO2e: nil)
        #expect(report.expectedSamples == 12 && report.samplesWithRecords == 8)
        #expect(report.parameters[0] == DayReport.Coverage(name: "a", factor: "a", present: 8, normal: 7, flags: ["N": 7, "T": 1]))
        #expect(report.parameters[1].present == 7 && report.parameters[1].normal == 0)
        #expect(report.outages == [.init(start: t0 + 3, end: t0 + 4, seconds: 2), .init(start: t0 + 10, end: t0 + 11, seconds: 2)])
        #expect(report.accounting == nil && report.share(6) == 0.5)
    }

    @Test func aLongerIntervalAlignsToLocalTime() {
        var b = builder(start: t0 + 3, end: t0 + 33, interval: 10, site: nil)
        for s in [10, 11, 30] as [Int64] { b.add(["a": (1, "N")], time: t0 + s) }
        let report = b.finish(events: [], frames: (0, 0, 0), gatewayFactor: nil, gatewayTonnesCO2e: nil)
        #expect(report.expectedSamples == 3 && report.samplesWithRecords == 2)
        #expect(report.outages == [.init(start: t0 + 20, end: t0 + 20, seconds: 10)])
    }

    @Test func theAccountingIsTheAgentsArithmeticOnTheStoredSeconds() throws {
        #expect(Self.site != nil)
        var b = builder(start: t0, end: t0 + 60)
        b.setReference(second(kWh: 999, heat: 49.9))
        for s in 0..<10 { b.add(second(kWh: 1000 + Double(s)), time: t0 + Int64(s)) }
        b.add(second(flowFlag: "B", kWh: 1010), time: t0 + 10)
        b.add(second(ch4: nil, kWh: 1011), time: t0 + 11)
        b.add(second(running: 0, kWh: 5), time: t0 + 12)
        let report = b.finish(events: [], frames: (13, 0, 0), gatewayFactor: "x", gatewayTonnesCO2e: 0.001)
        let accounting = try #require(report.accounting)
        let unit = try #require(accounting.totals.oxidizers.first)
        #expect(unit.countedSeconds == 10 && unit.excludedSeconds == 2 && unit.notRunningSeconds == 1)
        #expect(accounting.exclusions == ["ox1: flow flagged invalid": 1, "ox1: ch4 missing": 1])
        let standardPerSecond = 1500.0 / 3600 * ((3 + 96.5) / 101.325) * (273.15 / (273.15 + 20))
        let kilograms = 10 * standardPerSecond * 0.025 * 0.716
        #expect(abs(unit.destroyedKilograms - kilograms) < 1e-12)
        #expect(abs(accounting.totals.tonnesCO2e - kilograms / 1000 * 21) < 1e-15)
        #expect(accounting.totals.energy.generatedKilowattHours == 12 && accounting.counterResets == 1)
        #expect(abs((accounting.totals.energy.heatGigajoules ?? 0) - 0.1) < 1e-9)
        #expect(report.text.contains("relay − gateway = "))
        #expect(report.outages == [.init(start: t0 + 13, end: t0 + 59, seconds: 47)])
    }

    @Test func fixedDecimals() {
        #expect(FixedDecimal.text(0.0157641857, places: 6) == "0.015764")
        #expect(FixedDecimal.text(-2.5, places: 0) == "-3" && FixedDecimal.text(-0.0001, places: 2) == "0.00")
        #expect(FixedDecimal.text(21, places: 3) == "21.000" && FixedDecimal.percent(0.916666) == "91.67 %")
        #expect(FixedDecimal.text(.nan, places: 2) == "-")
    }
}
