@testable import AgentCore
import Foundation
import Testing

/// `[agent]`, `[statistics]`, `[crosscheck NAME]` and the parameter keys of issue 5: every
/// default applied when a key (or the whole section) is absent, explicit values read into the
/// model, and units converted to the accounting's canonical units.
@Suite("Site configuration: agent, statistics, cross-checks and units")
struct ConfigAgentSectionsTests {
    @Test func absentSectionsAndKeysTakeTheirDefaults() throws {
        let config = try #require(ConfigFixtures.parse(ConfigFixtures.minimal).config)
        #expect(config.agent == AgentSettings(
            journalPath: "/var/lib/cmmgate/journal", journalSizeMegabytes: 64, commitIntervalMilliseconds: 1000,
            overwrite: .oldest, watchdog: .none, watchdogDevice: "/dev/watchdog", watchdogTimeoutSeconds: 30,
            watchdogMagicClose: false, log: .stderr, logBurst: 10, logPerMinute: 6, clockStepMilliseconds: 1000,
            clockSyncCheck: true, offlineAfterSeconds: 5, line: nil))
        #expect(config.agent.journalSizeBytes == 64 * 1_048_576)
        #expect(config.statistics == StatisticsSettings(minuteMinimumSamples: 12, hourMinimumMinutes: 45,
                                                        dayMinimumHours: 20, normalFraction: 0.75, line: nil))
        #expect(config.crossChecks == [CrossCheckConfig(
            name: "safe", inletParameters: ["flow"], referenceParameter: "pump", tolerancePercent: 5,
            durationSeconds: 60, line: ConfigFixtures.line(of: "[crosscheck safe]"))])
        let flow = try #require(config.parameter(named: "flow"))
        #expect(flow.toleranceSeconds == 1 && flow.periodSeconds == 1)
        #expect(flow.pressureReference == nil && flow.measurementUnit == .cubicMetresPerHour)
        #expect(config.parameter(named: "pressure")?.pressureReference == .gauge(atmosphereKilopascals: 101.325))
        #expect(config.oxidizers == ["ox1"])
        #expect(config.parameter(.inletPressure, oxidizer: "ox1")?.name == "pressure")
        #expect(config.parameter(.inletCH4Fraction, oxidizer: "ox1") == nil)
    }

    @Test func emptySectionsTakeTheDefaultsAndKeepTheirLine() throws {
        let config = try #require(ConfigFixtures.parse(ConfigFixtures.minimal(appending: "[agent]\n[statistics]\n")).config)
        let defaults = try #require(ConfigFixtures.parse(ConfigFixtures.minimal).config)
        #expect(config.agent.line == ConfigAgentSectionsTests.lineCount)
        #expect(config.statistics.line == ConfigAgentSectionsTests.lineCount + 1)
        var agent = config.agent, statistics = config.statistics
        agent.line = nil
        statistics.line = nil
        #expect(agent == defaults.agent && statistics == defaults.statistics)
    }

    static let lineCount = ConfigFixtures.minimal.split(separator: "\n", omittingEmptySubsequences: false).count

    @Test func explicitValuesAreRead() throws {
        let text = ConfigFixtures.minimal(appending: """
            [agent]
            journal = /data/journal
            journal_size_mb = 512
            commit_interval_ms = 250
            overwrite = refuse
            watchdog = device
            watchdog_device = /dev/watchdog1
            watchdog_timeout_s = 60
            watchdog_magic_close = yes
            log = syslog
            log_burst = 3
            log_per_minute = 60
            clock_step_ms = 500
            clock_sync_check = no
            offline_after_s = 30
            [statistics]
            minute_min_samples = 45
            hour_min_minutes = 30
            day_min_hours = 24
            normal_fraction = 1
            [parameter ox2-flow]
            quantity = inlet_flow_standard
            oxidizer = ox2
            point = p1
            factor = f21
            lower = 0
            upper = 50
            unit = Nm3/min
            period_s = 5
            tolerance_s = 0
            [parameter ox2-bed]
            quantity = bed_temperature
            oxidizer = ox2
            point = p2
            factor = f22
            lower = 0
            upper = 1400
            unit = K
            running_threshold = 650
            [crosscheck both]
            inlet = flow, ox2-flow
            reference = pump
            tolerance_percent = 2.5
            duration_s = 300
            """)
        let result = ConfigFixtures.parse(text)
        #expect(result.errors == [])
        let config = try #require(result.config)
        #expect(config.agent == AgentSettings(
            journalPath: "/data/journal", journalSizeMegabytes: 512, commitIntervalMilliseconds: 250,
            overwrite: .refuse, watchdog: .device, watchdogDevice: "/dev/watchdog1", watchdogTimeoutSeconds: 60,
            watchdogMagicClose: true, log: .syslog, logBurst: 3, logPerMinute: 60, clockStepMilliseconds: 500,
            clockSyncCheck: false, offlineAfterSeconds: 30, line: Self.lineCount))
        #expect(config.statistics == StatisticsSettings(minuteMinimumSamples: 45, hourMinimumMinutes: 30,
                                                        dayMinimumHours: 24, normalFraction: 1,
                                                        line: Self.lineCount + 15))
        #expect(config.crossChecks.map(\.name) == ["safe", "both"])
        #expect(config.crossChecks[1].inletParameters == ["flow", "ox2-flow"])
        #expect(config.crossChecks[1].referenceParameter == "pump")
        #expect(config.crossChecks[1].tolerancePercent == 2.5 && config.crossChecks[1].durationSeconds == 300)
        let flow = try #require(config.parameter(named: "ox2-flow"))
        #expect(flow.unit == "Nm3/min" && flow.periodSeconds == 5 && flow.toleranceSeconds == 0)
        #expect(flow.canonicalUnit == .cubicMetresPerHour && flow.toCanonical(20) == 1200)
        let bed = try #require(config.parameter(named: "ox2-bed"))
        #expect(bed.runningThreshold == 650 && bed.canonicalUnit == .celsius)
        #expect(config.oxidizers == ["ox1", "ox2"])
    }

    @Test func watchdogTimeoutIsMeaningfulUnderSystemd() throws {
        let text = ConfigFixtures.minimal(appending: "[agent]\nwatchdog = systemd\nwatchdog_timeout_s = 20\n")
        let config = try #require(ConfigFixtures.parse(text).config)
        #expect(config.agent.watchdog == .systemd && config.agent.watchdogTimeoutSeconds == 20)
    }

    /// (unit, value in it, the value in the canonical unit)
    static let conversions: [(MeasurementUnit, Double, Double)] = [
        (.cubicMetresPerHour, 1250, 1250), (.cubicMetresPerMinute, 10, 600), (.cubicMetresPerSecond, 0.5, 1800),
        (.normalCubicMetresPerHour, 900, 900), (.normalCubicMetresPerMinute, 1.5, 90),
        (.normalCubicMetresPerSecond, 0.25, 900), (.percent, 4.6, 4.6), (.volumeFraction, 0.046, 4.6),
        (.celsius, 32.5, 32.5), (.kelvin, 273.15, 0), (.kelvin, 305.65, 32.5), (.kelvin, 0, -273.15),
        (.kilopascal, 101.325, 101.325), (.pascal, 101_325, 101.325), (.megapascal, 0.1, 100),
        (.kilowattHour, 12.5, 12.5), (.megawattHour, 1.5, 1500), (.gigajoule, 3, 3), (.megajoule, 500, 0.5),
        (.status, 1, 1),
    ]

    @Test func unitsConvertToTheCanonicalUnitAndBack() {
        for (unit, value, canonical) in Self.conversions {
            #expect(abs(unit.toCanonical(value) - canonical) < 1e-9, "\(value) \(unit)")
            #expect(abs(unit.fromCanonical(canonical) - value) < 1e-9, "\(canonical) back to \(unit)")
            #expect(unit.kind.canonical.isCanonical)
        }
        // Kelvin is an offset, not a factor: a difference of 10 K is a difference of 10 °C.
        #expect(abs(MeasurementUnit.kelvin.toCanonical(310) - MeasurementUnit.kelvin.toCanonical(300) - 10) < 1e-9)
    }

    @Test func everyQuantityAcceptsItsCanonicalUnitFirstAndOnlyUnitsOfOneKind() {
        for quantity in MethodologyQuantity.allCases {
            let units = MeasurementUnit.accepted(for: quantity)
            #expect(units.first?.isCanonical == true, "\(quantity)")
            #expect(Set(units.map(\.kind.rawValue)).count == 1, "\(quantity)")
            #expect(Set(units.map(\.symbol)).count == units.count, "\(quantity)")
            for unit in units { #expect(MeasurementUnit.parse(unit.symbol, for: quantity) == unit) }
        }
        #expect(MeasurementUnit.parse("1", for: .inletCH4Fraction) == .volumeFraction)
        #expect(MeasurementUnit.parse("1", for: .unitRunning) == .status)
        #expect(MeasurementUnit.parse("Nm3/h", for: .inletFlowWorking) == nil)
    }

    @Test func absolutePressureAddsTheAtmosphereToAGaugeReading() throws {
        let gauge = ConfigFixtures.minimal.replacingOccurrences(of: "pressure = gauge",
                                                                with: "pressure = gauge\natmosphere_kpa = 96.5")
        let config = try #require(ConfigFixtures.parse(gauge).config)
        let pressure = try #require(config.parameter(named: "pressure"))
        #expect(pressure.absolutePressureKilopascals(3.2) == 96.5 + 3.2)
        let absolute = ConfigFixtures.minimal.replacingOccurrences(of: "pressure = gauge", with: "pressure = absolute")
            .replacingOccurrences(of: "lower = -10\nupper = 20\nunit = kPa", with: "lower = 0\nupper = 200000\nunit = Pa")
        let inPascals = try #require(ConfigFixtures.parse(absolute).config?.parameter(named: "pressure"))
        #expect(inPascals.pressureReference == .absolute)
        #expect(abs((inPascals.absolutePressureKilopascals(99_700) ?? 0) - 99.7) < 1e-9)
        #expect(config.parameter(named: "flow")?.absolutePressureKilopascals(1) == nil)
    }
}
