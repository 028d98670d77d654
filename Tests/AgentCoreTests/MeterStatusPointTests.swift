import AgentCore
import FieldBus
import Metering
import Testing

/// `status_point`: a meter that reports being stopped gets its readings flagged F.
struct MeterStatusPointTests {
    /// The minimal site with `status_point = NAME` on meter m1 (and a status point s1 on it).
    static func config(statusPoint: String) -> SiteConfigParser.Result {
        let text = ConfigFixtures.minimal
            .replacingOccurrences(of: "calibration_due = 2026-01-01\n", with: "calibration_due = 2026-01-01\nstatus_point = \(statusPoint)\n")
            + "\n[point s1]\nmeter = m1\nregister = holding:100\ntype = uint16\n"
        return ConfigFixtures.parse(text)
    }

    @Test func aStatusPointMustBeDefinedAndBelongToItsMeter() throws {
        let valid = try #require(Self.config(statusPoint: "s1").config)
        #expect(valid.meters.first { $0.name == "m1" }?.statusPoint == "s1")
        #expect(valid.meters.first { $0.name == "e1" }?.statusPoint == nil)
        let dangling = Self.config(statusPoint: "nosuch").errors.map(\.description)
        #expect(dangling.contains { $0.hasSuffix("meter m1: status_point 'nosuch' is not defined") }, "\(dangling)")
        let foreign = Self.config(statusPoint: "k1").errors.map(\.description)
        #expect(foreign.contains { $0.hasSuffix("status_point 'k1' is read from meter e1, not from this one") }, "\(foreign)")
    }

    @Test func whileTheStatusReadsZeroTheMetersReadingsAreFAndTheyRecoverWithIt() throws {
        let config = try #require(Self.config(statusPoint: "s1").config)
        var runtime = AgentRuntime(config: config)
        let bus = try #require(config.buses.firstIndex { $0.name == "b1" })
        // The status point is read (nothing else uses it) at the meter's shortest period.
        #expect(runtime.plan.reads[bus].first { $0.id == "s1" }?.periodMilliseconds == 1000)
        let flow = try #require(config.parameters.firstIndex { $0.name == "flow" })
        let energy = try #require(config.parameters.firstIndex { $0.name == "energy" })
        func poll(status: UInt16, second: Int64) -> RealtimeRecord? {
            let wall = second * 1_000_000_000
            let monotonic = UInt64(second - 1_796_169_000) * 1_000_000_000
            func acquired(_ value: PolledValue) -> Result<Acquired<PolledValue>, FieldBusError> {
                .success(Acquired(value: value, monotonic: MonotonicInstant(nanoseconds: monotonic),
                                  wall: WallTime(nanosecondsSinceEpoch: wall), report: TransactionReport()))
            }
            // The flow arrives before the status in the same batch: the status still decides.
            let results = [PollResult(readID: "p1", result: acquired(.registers([0x44FA, 0x0000]))),  // 2000.0
                           PollResult(readID: "s1", result: acquired(.registers([status]))),
                           PollResult(readID: "k1", result: acquired(.dlt645(.decimal(.init(units: 100, fractionDigits: 0), unit: "kWh"))))]
            _ = runtime.ingest(.polled(bus: bus, results: results), monotonicNanoseconds: monotonic, wallNanoseconds: wall)
            let entries = runtime.tick(.init(second: second, monotonicNanoseconds: monotonic + 1, wallNanoseconds: wall + 1,
                                             synchronised: true))
            return entries.first { $0.type == AgentRecordType.realtime }.flatMap { try? RealtimeRecordCodec.decode($0.payload) }
        }
        let running = try #require(poll(status: 1, second: 1_796_169_600))
        #expect(running.values[flow] == FlaggedValue(value: 2000, flag: .normal))
        let stopped = try #require(poll(status: 0, second: 1_796_169_601))
        #expect(stopped.values[flow] == FlaggedValue(value: nil, flag: .stopped))
        #expect(stopped.values[energy].flag == .normal)  // another meter: unaffected
        let again = try #require(poll(status: 1, second: 1_796_169_602))
        #expect(again.values[flow] == FlaggedValue(value: 2000, flag: .normal))
    }
}
