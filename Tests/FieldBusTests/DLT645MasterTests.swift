import AgentTesting
import FieldBus
import Testing
import Wire

@Suite struct DLT645MasterTests {
    /// DL/T 645-2007 meters default to 2400 baud 8E1 (configuration, not code).
    func meterBus(settings: SerialMasterSettings = SerialMasterSettings(busName: "meters")) throws -> BusFixture {
        try BusFixture(baud: 2400, parity: .even, settings: settings)
    }

    let meter = try! DLT645Address("123456789012")
    let energy = DLT645Value.decimal(DLT645Decimal(units: 1_234_567, fractionDigits: 2), unit: "kWh")

    @Test func readsAnIdentifierWithTheConfiguredPreamble() throws {
        var bus = try meterBus()
        let reply = try DLT645Reply.readData(.forwardActiveEnergyTotal, value: energy, from: meter)
        bus.link.script = [[.init(reply.encoded(preambleCount: 2), afterMicroseconds: 30_000)]]
        let reading = try bus.runner.readDLT645(.forwardActiveEnergyTotal, from: meter, preambleCount: 2)
        #expect(reading.value == .data(.forwardActiveEnergyTotal, energy, from: meter, hasFollowUp: false))
        let sent = try #require(bus.link.transmissions.first)
        #expect(sent.bytes == DLT645Request.readData(.forwardActiveEnergyTotal, from: meter).encoded(preambleCount: 2))
        #expect(Array(sent.bytes.prefix(3)) == [0xFE, 0xFE, 0x68])
        #expect(sent.silenceBefore >= bus.t35Nanoseconds)
    }

    @Test func anAbnormalReplyIsTypedWithItsErrorWord() throws {
        var bus = try meterBus()
        let reply = DLT645Reply.abnormal(.readData, error: .noRequestedData, from: meter)
        bus.link.script = [[.init(reply.encoded())]]
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readDLT645(.phaseAVoltage, from: meter) }
        #expect(error.code == .exception)
        #expect(error.dlt645Error == .noRequestedData)
        #expect(bus.link.transmissions.count == 1)
    }

    @Test func repliesFromOtherMetersOrForOtherIdentifiersAreIgnored() throws {
        var bus = try meterBus()
        let other = try DLT645Address("000000000001")
        let foreign = try DLT645Reply.readData(.forwardActiveEnergyTotal, value: energy, from: other)
        let voltage = DLT645Value.decimal(DLT645Decimal(units: 2201, fractionDigits: 1), unit: "V")
        let wrongIdentifier = try DLT645Reply.readData(.phaseAVoltage, value: voltage, from: meter)
        let ours = try DLT645Reply.readData(.forwardActiveEnergyTotal, value: energy, from: meter)
        bus.link.script = [[.init(foreign.encoded()), .init(wrongIdentifier.encoded(), afterMicroseconds: 200_000),
                            .init([0x12, 0x68, 0x99] + ours.encoded(), afterMicroseconds: 400_000)]]
        let reading = try bus.runner.readDLT645(.forwardActiveEnergyTotal, from: meter)
        guard case .data(_, let value, let from, _) = reading.value else { Issue.record("not data"); return }
        #expect(value == energy)
        #expect(from == meter)
        #expect(reading.report.diagnostics.foreignFrames == 2)
        #expect(reading.report.diagnostics.discardedBytes >= 3)
    }

    @Test func readAddressDiscoversTheMeterOnTheBus() throws {
        var bus = try meterBus()
        bus.link.responder = { request in
            // The meter answers only a read-address request sent to the wildcard address.
            guard request.suffix(4).first == 0x13 || request.contains(0x13) else { return [] }
            return [.init(DLT645Reply.readAddress(try! DLT645Address("201900001234")).encoded())]
        }
        let found = try bus.runner.readDLT645Address()
        #expect(found == (try DLT645Address("201900001234")))
        #expect(bus.link.transmissions.first?.bytes == DLT645Request.readAddress().encoded())
    }

    @Test func noAnswerAfterRetriesIsATimeoutNamingTheMeter() throws {
        var bus = try meterBus(settings: SerialMasterSettings(busName: "meters", responseTimeoutMilliseconds: 500, retries: 1))
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readDLT645(.totalActivePower, from: meter) }
        #expect(error.code == .timeout)
        #expect(error.message.contains("meter 123456789012"))
        #expect(bus.link.transmissions.count == 2)
    }

    @Test func aBroadcastTimeSetAwaitsNoReply() throws {
        var bus = try meterBus()
        let time = try DLT645DateTime(year: 26, month: 11, day: 25, hour: 17, minute: 5, second: 0)
        let report = try bus.runner.broadcastDLT645Time(time)
        let sent = try #require(bus.link.transmissions.first)
        #expect(sent.bytes == DLT645Request.broadcastTime(time).encoded())
        #expect(report.attempts == 1)
        #expect(try #require(report.finishedAt) >= sent.endedAt.adding(milliseconds: 100))
    }

    @Test func aWildcardDigitPairMatchesAnyMeterDigits() throws {
        var bus = try meterBus()
        // AA in the low pair: any meter whose other digits match answers.
        let partial = try DLT645Address(wireBytes: [0xAA] + meter.wireBytes.dropFirst())
        let reply = try DLT645Reply.readData(.forwardActiveEnergyTotal, value: energy, from: meter)
        bus.link.script = [[.init(reply.encoded())]]
        let reading = try bus.runner.readDLT645(.forwardActiveEnergyTotal, from: partial)
        guard case .data(_, _, let from, _) = reading.value else { Issue.record("not data"); return }
        #expect(from == meter)
    }
}
