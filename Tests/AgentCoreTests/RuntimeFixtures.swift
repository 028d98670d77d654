import AgentCore
import FieldBus
import Journal
import Metering
import Wire

/// The example site (Board/example-site.conf) driven by hand: poll results made from engineering
/// values as the simulator would serve them, ticks on a fake clock, and a journal kept as a list.
struct ExampleSiteDriver {
    /// What the meters read at a second (engineering units as configured).
    struct Values {
        var flow = 1200.0          // m3/h, working
        var ch4 = 0.625            // % (exact in float32, as the simulator serves it)
        var temperature = 25.0     // C
        var gaugePressure = 2.0    // kPa above the configured 96.5 kPa atmosphere
        var running = true
        var pumpFlow = 1250.0      // m3/h
        var pumpCH4 = 0.625        // %
        var generatedKWh = 1000.0
        var heatGJ = 50.0
    }

    var runtime: AgentRuntime
    /// Everything journaled, in order, with sequence numbers.
    var journal: [JournalRecord] = []
    /// UTC second of the next tick; monotonic starts at 1000 s.
    var second: Int64
    var monotonicOffset: Int64

    static func exampleConfig() throws -> SiteConfig {
        let result = SiteConfigParser.parse(text: try ConfigFixtures.board("example-site.conf"), file: "example-site.conf")
        guard let config = result.config else { throw FixtureError(message: "\(result.errors)") }
        return config
    }

    struct FixtureError: Error { var message: String }

    /// 2026-12-02T00:00:00Z = 08:00 local at +08:00 (a minute, hour and day start).
    static let startSecond: Int64 = 1_796_169_600

    init(config: SiteConfig, startSecond: Int64 = ExampleSiteDriver.startSecond) {
        runtime = AgentRuntime(config: config)
        second = startSecond
        monotonicOffset = 1000 - startSecond
    }

    var monotonicNanoseconds: UInt64 { UInt64(second + monotonicOffset) * 1_000_000_000 }

    mutating func append(_ entries: [JournalEntry]) {
        for entry in entries {
            journal.append(JournalRecord(sequence: UInt64(journal.count + 1), type: entry.type,
                                         timestamp: entry.timestampMilliseconds, payload: entry.payload))
        }
    }

    /// Polls every read (at 0.5 s into the current second) with `values`, then ticks at the end
    /// of the second (the record stands for the second the tick falls in). Returns the tick's entries.
    @discardableResult
    mutating func run(_ values: Values, synchronised: Bool? = true, failing: Set<String> = []) -> [JournalEntry] {
        let wall = second * 1_000_000_000 + 500_000_000
        let monotonic = monotonicNanoseconds + 500_000_000
        for bus in runtime.plan.reads.indices {
            let results = runtime.plan.reads[bus].map { read in
                failing.contains(read.id)
                    ? PollResult(readID: read.id, result: .failure(FieldBusError(.timeout, "no reply")))
                    : PollResult(readID: read.id, result: .success(Acquired(
                        value: Self.polled(read.id, values), monotonic: MonotonicInstant(nanoseconds: monotonic),
                        wall: WallTime(nanosecondsSinceEpoch: wall), report: TransactionReport())))
            }
            append(runtime.ingest(.polled(bus: bus, results: results), monotonicNanoseconds: monotonic, wallNanoseconds: wall))
        }
        return tick(synchronised: synchronised)
    }

    /// Ticks at 0.9 s into the current second without polling, then moves to the next second.
    @discardableResult
    mutating func tick(synchronised: Bool? = true) -> [JournalEntry] {
        let entries = runtime.tick(.init(second: second, monotonicNanoseconds: monotonicNanoseconds + 900_000_000,
                                         wallNanoseconds: second * 1_000_000_000 + 900_000_000, synchronised: synchronised))
        append(entries)
        second += 1
        return entries
    }

    /// What the simulator serves for `point`.
    static func polled(_ point: String, _ values: Values) -> PolledValue {
        func float32(_ value: Double) -> PolledValue {
            .registers(try! RegisterDecoder.encode(.float(value), as: .float32, order: .abcd))
        }
        switch point {
        case "ox1-inlet-flow": return float32(values.flow)
        case "ox1-inlet-ch4": return float32(values.ch4)
        case "ox1-inlet-temperature": return float32(values.temperature)
        case "ox1-inlet-pressure": return float32(values.gaugePressure)
        case "ox1-running": return .bits([values.running])
        case "pump-flow": return float32(values.pumpFlow)
        case "pump-ch4": return float32(values.pumpCH4)
        case "generated-energy":
            return .dlt645(.decimal(DLT645Decimal(units: Int64((values.generatedKWh * 100).rounded()), fractionDigits: 2), unit: "kWh"))
        case "heat-energy":
            let raw = UInt64((values.heatGJ * 1000).rounded())
            return .registers(try! RegisterDecoder.encode(.unsigned(raw), as: .uint32, order: .cdab))
        default: preconditionFailure("the example site has no point \(point)")
        }
    }

    /// The journal records of `type`, decoded by `decode`.
    func records<T>(_ type: RecordType, _ decode: ([UInt8]) throws -> T) rethrows -> [T] {
        try journal.filter { $0.type == type }.map { try decode($0.payload) }
    }

    var events: [AgentEvent] {
        (try? records(AgentRecordType.event) { try AgentEventCodec.decode($0) }) ?? []
    }
}
