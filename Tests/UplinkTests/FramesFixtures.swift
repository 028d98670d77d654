import AgentCore
import Journal
import Metering
import Testing
import Uplink
import Wire

/// Sites, records and round-trip checks for the frame builder tests.
enum FramesFixtures {
    static let mn = "010000A8900016F000169DC0"
    /// 2026-01-02 03:04:05 UTC = 11:04:05 at +08:00.
    static let second: Int64 = 1_767_323_045

    /// A valid site (+08:00, ST 31, PW 123456) with a pump flow (`p01-flow`), a pump CH4
    /// (`p01-ch4`), a kWh meter (`e01-gen`) and `extra` more CH4 parameters (`x001-ch4` …), and
    /// one `[uplink relay]` with `uplinkLines` added.
    static func site(extra: Int = 0, uplinkLines: [String] = []) throws -> SiteConfig {
        var text = """
            [site]
            name = Frames test site
            mn = \(mn)
            password = 123456
            constants = c

            [constants c]
            version = test

            [bus b]
            port = /dev/ttyS1

            [meter m]
            protocol = modbus
            bus = b
            slave = 1
            maker = M
            model = M
            serial_number = S
            range = r
            accuracy = 1
            installation_point = i
            calibrated = 2025-01-01
            calibration_due = 2030-01-01

            [meter e]
            protocol = dlt645
            bus = b
            address = 123456789012
            maker = M
            model = M
            serial_number = S2
            range = r
            accuracy = 1
            installation_point = i
            calibrated = 2025-01-01
            calibration_due = 2030-01-01

            [point flow]
            meter = m
            register = holding:0
            unit = m3/h

            [point ch4]
            meter = m
            register = holding:2
            unit = %

            [point kwh]
            meter = e
            di = 00010000
            unit = kWh

            [parameter flow]
            quantity = pump_outlet_flow
            point = flow
            factor = p01-flow
            lower = 0
            upper = 5000
            unit = m3/h

            [parameter ch4]
            quantity = pump_outlet_ch4
            point = ch4
            factor = p01-ch4
            lower = 0
            upper = 100
            unit = %

            [parameter energy]
            quantity = electricity_generated
            point = kwh
            factor = e01-gen
            lower = 0
            upper = 1e8
            unit = kWh

            """
        for index in 0..<extra {
            let name = "x" + String(1000 + index).dropFirst()
            text += """
                [point \(name)]
                meter = m
                register = holding:\(10 + 2 * index)
                unit = %

                [parameter \(name)]
                quantity = pump_outlet_ch4
                point = \(name)
                factor = \(name)-ch4
                lower = 0
                upper = 100
                unit = %

                """
        }
        text += (["[uplink relay]", "host = 127.0.0.1"] + uplinkLines).joined(separator: "\n") + "\n"
        let result = SiteConfigParser.parse(text: text, file: "frames.conf")
        guard let config = result.config else {
            throw FixtureError(description: result.errors.map(\.description).joined(separator: "\n"))
        }
        return config
    }

    struct FixtureError: Error, CustomStringConvertible { var description: String }

    static func builder(_ site: SiteConfig) throws -> UplinkFrameBuilder {
        UplinkFrameBuilder(site: site, uplink: try #require(site.uplinks.first))
    }

    static func tag(_ site: SiteConfig) -> UInt32 {
        RealtimeRecordCodec.configurationTag(names: site.parameters.map(\.name))
    }

    static func realtime(_ site: SiteConfig, second: Int64 = second, values: [FlaggedValue],
                         sequence: UInt64 = 7) -> JournalRecord {
        let record = RealtimeRecord(timestamp: second, clockSynchronised: true, configurationTag: tag(site),
                                    values: values)
        return JournalRecord(sequence: sequence, type: AgentRecordType.realtime, timestamp: second * 1000,
                             payload: RealtimeRecordCodec.encode(record))
    }

    static func statistics(_ site: SiteConfig, kind: PeriodKind, start: Int64, parameters: [ParameterStatistics],
                           sequence: UInt64 = 8) -> JournalRecord {
        let record = StatisticsRecord(kind: kind, periodStart: start, configurationTag: tag(site), parameters: parameters)
        return JournalRecord(sequence: sequence, type: AgentRecordType.statistics, timestamp: start * 1000,
                             payload: StatisticsRecordCodec.encode(record))
    }

    static func event(_ event: AgentEvent, at milliseconds: Int64 = second * 1000 + 250,
                      sequence: UInt64 = 9) -> JournalRecord {
        JournalRecord(sequence: sequence, type: AgentRecordType.event, timestamp: milliseconds,
                      payload: AgentEventCodec.encode(event))
    }

    /// The CP text of the only segment of `message`.
    static func onlyCP(_ message: UplinkMessage?) throws -> String {
        let message = try #require(message)
        try #require(message.segments.count == 1)
        return try message.segments[0].cp.encoded()
    }

    /// Gives each segment a QN and the A flag as the session does, encodes it as a frame, parses
    /// it back strictly and checks that every field survived; returns the frames' bytes.
    @discardableResult
    static func roundTrip(_ message: UplinkMessage) throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        for (index, segment) in message.segments.enumerated() {
            var sent = segment
            sent.header.qn = "20260102110405" + String(100 + index)
            sent.header.flag?.ackRequired = true
            let bytes = try HJ212Frame.encode(sent)
            let parsed = try HJ212Frame.parse(bytes).dataSegment(mode: .strict)
            #expect(parsed == sent, "segment \(index + 1) of \(message.segments.count)")
            #expect(bytes.count <= HJ212Frame.maxSegmentLength + 12)
            frames.append(bytes)
        }
        return frames
    }
}
