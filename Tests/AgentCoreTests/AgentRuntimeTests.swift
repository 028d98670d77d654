import AgentCore
import FieldBus
import Journal
import Metering
import Testing
import Wire

/// The agent's pure core on the example site: readings to flagged records, bus trouble to
/// events, closed periods to statistics and accounting, restart without loss or duplicates.
struct AgentRuntimeTests {
    @Test func plansOneReadPerUsedPointAndCoalescesAdjacentRegisters() throws {
        let runtime = AgentRuntime(config: try ExampleSiteDriver.exampleConfig())
        let field = try #require(runtime.config.buses.firstIndex { $0.name == "field" })
        let energy = try #require(runtime.config.buses.firstIndex { $0.name == "energy" })
        #expect(Set(runtime.plan.reads[field].map(\.id)) == ["ox1-inlet-flow", "ox1-inlet-ch4", "ox1-inlet-temperature",
                                                              "ox1-inlet-pressure", "ox1-running", "pump-flow", "pump-ch4",
                                                              "heat-energy"])
        #expect(runtime.plan.reads[energy].map(\.source) == [.dlt645(meter: try DLT645Address("123456789012"),
                                                                     identifier: DLT645DataIdentifier(0x0001_0000))])
        let requests = try runtime.plan.requests(bus: field)
        // Slave 1's four float32 (holding 0…7) in one request, its coil apart; slave 2 and 3 one each.
        #expect(requests.count == 4)
        #expect(requests.contains { $0.kind == .modbus(slave: 1, ModbusReadRequest(function: .readHoldingRegisters,
                                                                                   startAddress: 0, quantity: 8)) })
        let route = try #require(runtime.plan.route(readID: "pump-flow"))
        #expect(route.parameters.map { runtime.config.parameters[$0].name } == ["pump-outlet-flow"])
        #expect(runtime.config.meters[route.meter].name == "pump-outlet")
    }

    @Test func convertsRegistersBitsAndMeterDecimalsAndRefusesWhatIsNotANumber() throws {
        let config = try ExampleSiteDriver.exampleConfig()
        let heat = PointValueConverter(try #require(config.points.first { $0.name == "heat-energy" }))
        // uint32 CDAB 0x0001_E240 = 123456 → × 0.001 GJ
        #expect(heat.outcome(.registers([0xE240, 0x0001])) == .value(123.456))
        let flow = PointValueConverter(try #require(config.points.first { $0.name == "ox1-inlet-flow" }))
        #expect(flow.outcome(.registers([0x7FC0, 0x0000])) == .deviceFault)      // NaN
        #expect(flow.outcome(.registers([0x42F6])) == .deviceFault)              // truncated
        let running = PointValueConverter(try #require(config.points.first { $0.name == "ox1-running" }))
        #expect(running.outcome(.bits([true])) == .value(1))
        #expect(running.outcome(.bits([false])) == .value(0))
        let kWh = PointValueConverter(try #require(config.points.first { $0.name == "generated-energy" }))
        #expect(kWh.outcome(.dlt645(.decimal(DLT645Decimal(units: 1234567, fractionDigits: 2), unit: "kWh"))) == .value(12345.67))
        #expect(kWh.outcome(.dlt645(.raw([1, 2]))) == .deviceFault)
        #expect(AcquisitionPlan.outcome(of: FieldBusError(.exception, "02")) == .deviceFault)
        #expect(AcquisitionPlan.outcome(of: FieldBusError(.timeout, "none")) == .communicationFailure)
        #expect(AcquisitionPlan.outcome(of: FieldBusError(.badFrame, "crc")) == .communicationFailure)
    }

    @Test func makesOneFlaggedRecordPerSecondAndNeverTwoForOneSecond() throws {
        var site = ExampleSiteDriver(config: try ExampleSiteDriver.exampleConfig())
        var values = ExampleSiteDriver.Values()
        values.ch4 = 9.5  // above the configured upper limit 8 %: T
        site.run(values, failing: ["pump-ch4"])
        let records = try site.records(AgentRecordType.realtime) { try RealtimeRecordCodec.decode($0) }
        let record = try #require(records.first)
        #expect(records.count == 1 && record.timestamp == ExampleSiteDriver.startSecond && record.clockSynchronised)
        let byName = Dictionary(uniqueKeysWithValues: zip(site.runtime.config.parameters.map(\.name), record.values))
        #expect(byName["ox1-inlet-flow"] == FlaggedValue(value: 1200, flag: .normal))
        #expect(byName["ox1-inlet-ch4"] == FlaggedValue(value: 9.5, flag: .overRange))
        #expect(byName["pump-outlet-ch4"] == FlaggedValue(value: nil, flag: .communication))
        #expect(byName["ox1-running"] == FlaggedValue(value: 1, flag: .normal))
        // The same second again (a clock stepped back by a second): no second record.
        site.second -= 1
        site.monotonicOffset += 1
        site.tick()
        #expect(site.journal.filter { $0.type == AgentRecordType.realtime }.count == 1)
    }

    @Test func aBusOutageFlagsItsParametersAndIsJournaledOnceUntilRestored() throws {
        var site = ExampleSiteDriver(config: try ExampleSiteDriver.exampleConfig())
        site.run(.init())
        let field = try #require(site.runtime.config.buses.firstIndex { $0.name == "field" })
        let wall = site.second * 1_000_000_000
        for _ in 0..<2 {
            site.append(site.runtime.ingest(.outage(bus: field, reason: "/dev/ttyS1: EIO", monotonicNanoseconds: site.monotonicNanoseconds,
                                                    wallNanoseconds: wall), monotonicNanoseconds: site.monotonicNanoseconds, wallNanoseconds: wall))
        }
        site.tick()
        let record = try #require(site.records(AgentRecordType.realtime) { try RealtimeRecordCodec.decode($0) }.last)
        let flags = zip(site.runtime.config.parameters, record.values).map { ($0.name, $1.flag) }
        for (name, flag) in flags where name != "electricity-generated" { #expect(flag == .communication, "\(name)") }
        #expect(flags.first { $0.0 == "electricity-generated" }?.1 == .normal)  // the energy bus is fine
        let restoredAt = (site.second + 4) * 1_000_000_000
        site.append(site.runtime.ingest(.restored(bus: field, monotonicNanoseconds: 0, wallNanoseconds: restoredAt),
                                        monotonicNanoseconds: site.monotonicNanoseconds, wallNanoseconds: restoredAt))
        let outages = site.events.filter { if case .busOutage = $0 { return true } else { return false } }
        #expect(outages == [.busOutage(name: "field", since: ExampleSiteDriver.startSecond + 1, reason: "/dev/ttyS1: EIO")])
        #expect(site.events.contains(.busRestored(name: "field", downSeconds: 5)))
    }

    @Test func closesTheMinuteWithStatisticsAndAccountingThatMatchAHandComputation() throws {
        var site = ExampleSiteDriver(config: try ExampleSiteDriver.exampleConfig())
        var values = ExampleSiteDriver.Values()
        for second in 0..<61 {
            // 1 kWh per second; at second 30 the meter was replaced and counts on from 5 kWh.
            values.generatedKWh = second < 30 ? 1000 + Double(second) : 5 + Double(second - 30)
            values.heatGJ = 50 + Double(second) * 0.002
            site.run(values)
        }
        let statistics = try site.records(AgentRecordType.statistics) { try StatisticsRecordCodec.decode($0) }
        let accounting = try site.records(AgentRecordType.accounting) { try AccountingRecordCodec.decode($0) }
        #expect(statistics.map(\.kind) == [.minute] && accounting.map(\.kind) == [.minute])
        let minute = try #require(accounting.first)
        #expect(minute.periodStart == ExampleSiteDriver.startSecond && minute.constantsName == "ccer-10-001-v01")
        // By hand: 1200 m3/h working at 25 °C and 96.5 + 2 kPa abs, 0.625 % CH4, 60 s, 0 °C / 101.325 kPa,
        // 0.716 kg/m3, GWP 21.
        let standardPerSecond = 1200.0 / 3600 * (98.5 / 101.325) * (273.15 / 298.15)
        let destroyedKilograms = 60 * standardPerSecond * 0.00625 * 0.716
        let ox1 = try #require(minute.oxidizers.first)
        #expect(abs(ox1.destroyedKilograms - destroyedKilograms) < 1e-9 * destroyedKilograms)
        #expect(abs(minute.tonnesCO2e - destroyedKilograms / 1000 * 21) < 1e-9)
        #expect(ox1.countedSeconds == 60)
        // Seconds 1…59 of the minute each add 1 kWh but the reset (second 30), which adds nothing.
        #expect(minute.energy.generatedKilowattHours == 58)
        #expect(abs((minute.energy.heatGigajoules ?? 0) - 59 * 0.002) < 1e-9)
        let flow = try #require(statistics.first?.parameters.first)
        #expect(flow.validCount == 60)
    }

    @Test func closingOpenPeriodsForAConfigurationChangeJournalsThemPartialWithTheirTag() throws {
        var site = ExampleSiteDriver(config: try ExampleSiteDriver.exampleConfig())
        for _ in 0..<30 { site.run(.init()) }
        site.append(site.runtime.closeOpenPeriods())
        let statistics = try site.records(AgentRecordType.statistics) { try StatisticsRecordCodec.decode($0) }
        let accounting = try site.records(AgentRecordType.accounting) { try AccountingRecordCodec.decode($0) }
        #expect(statistics.map(\.kind) == [.minute, .hour, .day] && accounting.map(\.kind) == [.minute, .hour, .day])
        #expect(statistics.allSatisfy { $0.configurationTag == site.runtime.configurationTag })
        #expect(statistics[0].parameters[0].validCount == 30)
        #expect(accounting.allSatisfy { $0.oxidizers[0].countedSeconds == 30 })
        #expect(site.runtime.closeOpenPeriods().isEmpty)  // nothing is open any more
    }

    @Test func crossCheckCalibrationClockAndMeterEventsAreJournaled() throws {
        var config = try ExampleSiteDriver.exampleConfig()
        config.agent.offlineAfterSeconds = 3
        var site = ExampleSiteDriver(config: config)
        var values = ExampleSiteDriver.Values()
        values.pumpFlow = 1000  // the inlet (1200) exceeds the pump outlet by 20 % > 5 %
        site.run(values, synchronised: false)
        for _ in 0..<64 { site.run(values, failing: ["heat-energy"]) }
        site.monotonicOffset -= 30  // the wall clock steps 30 s forward against the monotonic clock
        site.run(values)
        let events = site.events
        #expect(events.filter { $0 == .calibrationOverdue(meter: "heat", due: "2026-01-10") }.count == 1)
        #expect(events.contains(.clockUnsynchronised) && events.contains(.clockSynchronised))
        #expect(events.contains { if case .crossCheckTripped(name: "safe-transport", _, 1200, 1000) = $0 { return true }; return false })
        #expect(events.contains { if case .meterOffline(name: "heat", _) = $0 { return true }; return false })
        #expect(events.contains { if case .clockStepped(let step) = $0 { return step.deltaNanoseconds == 30_000_000_000 }; return false })
        #expect(site.runtime.skippedSeconds == 0)
    }
}


/// The basic information table journaled for CN 3020.
struct SiteInformationRecordTests {
    @Test func theTableHoldsTheSiteAndEveryMeterAndIsRememberedByTheHistory() throws {
        let runtime = AgentRuntime(config: try ExampleSiteDriver.exampleConfig())
        let entry = runtime.siteInformationEntry(second: 1_796_169_600)
        #expect(entry.type == AgentRecordType.siteInformation)
        let lines = SiteInformation.lines(entry.payload)
        #expect(lines.first == ["site", runtime.config.identity.name, "010000A8900016F000169DC0", "31"])
        let heat = try #require(lines.first { $0.count > 1 && $0[1] == "heat" })
        #expect(heat == ["meter", "heat", "Example Thermal", "HM-50", "HM50-0099", "0-20 GJ/h", "2",
                         "heat exchanger supply line", "2025-01-10", "2026-01-10", "h01-heat"])
        #expect(lines.count == 1 + runtime.config.meters.count)
        var history = JournalHistory(configurationTag: runtime.configurationTag)
        history.add(JournalRecord(sequence: 1, type: entry.type, timestamp: entry.timestampMilliseconds, payload: entry.payload))
        #expect(history.newestSiteInformation == entry.payload)
        let decoded = AgentRecordDecoding.decode(JournalRecord(sequence: 1, type: entry.type, timestamp: 0, payload: entry.payload))
        #expect(decoded.kind == "siteInformation" && decoded.summary.hasSuffix("heat"))
    }
}
