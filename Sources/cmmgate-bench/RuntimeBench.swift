import AgentCore
import DeviceIO
import FieldBus
import Journal
import Metering
import Wire

/// The daemon's per-second work from poll results to the journal, in process and repeatable
/// (for callgrind): `cmmgate-bench runtime --config FILE --seconds N` builds `AgentRuntime` from
/// the site configuration and, for N simulated seconds, does what `cmmgate run`'s main loop does
/// (Sources/cmmgate/Run/AgentDaemon.swift): every planned request of every bus delivers its
/// results (`SyntheticMeters`, one `BusReport.polled` per coalesced request, acquired during the
/// second), the loop wakes 2 ms after the second ends, ingests the reports, ticks the runtime
/// for the second, appends every `JournalEntry` to a `Journal` and commits when due (1 s group
/// commit). The journal lives on `MemoryBlockDevice` with the daemon's file geometry and the
/// configured size. Not included: the bus I/O and frame decoding (`fieldbus` and `decode`
/// figures), the mailbox, syscalls, logging and the watchdog.
///
/// The run starts at 2026-12-02T00:00:00Z (08:00 at +08:00: a minute, hour and local-day start).
/// It prints `name value unit` lines: how many parameters and requests, the records and payload
/// bytes of each kind, the bytes programmed on the device, the same per second and per day at
/// this rate, and the wall-clock ns per parameter-sample (noisy; callgrind gives the repeatable
/// figure: run two lengths and divide the difference).
enum RuntimeBench {
    static let startSecond: Int64 = 1_796_169_600
    /// The monotonic clock reads 1000 s at the start.
    static let monotonicAtStart: Int64 = 1000

    static func run(_ arguments: [String]) -> Int32 {
        guard let options = Options(arguments) else {
            print("usage: cmmgate-bench runtime --config FILE --seconds N [--journal-mb M] [--polls-only]")
            return 64
        }
        let (seconds, pollsOnly) = (options.seconds, options.pollsOnly)
        do {
            var config = try loadConfig(options.configPath)
            if let megabytes = options.journalMegabytes { config.agent.journalSizeMegabytes = megabytes }
            var drive = try RuntimeDrive(config: config)
            let start = BenchClock.nanoseconds()
            for offset in 0..<seconds {
                let reports = drive.polls(second: startSecond + offset)
                if !pollsOnly { try drive.mainLoop(second: startSecond + offset, reports: reports) }
            }
            let elapsed = Double(BenchClock.nanoseconds() - start)
            drive.printFigures(seconds: seconds, elapsedNanoseconds: elapsed)
            return 0
        } catch {
            print("runtime bench failed: \(error)")
            return 1
        }
    }

    /// `--config FILE --seconds N`, then optionally `--journal-mb M` (a journal of M MiB instead
    /// of the configured size: formatting 64 MiB dominates a short run under callgrind) and
    /// `--polls-only` (make the poll results and drop them: what the generator costs).
    struct Options {
        var configPath = ""
        var seconds: Int64 = -1
        var journalMegabytes: Int?
        var pollsOnly = false

        init?(_ arguments: [String]) {
            var rest = arguments[...]
            while let option = rest.popFirst() {
                switch option {
                case "--polls-only": pollsOnly = true
                case "--config": configPath = rest.popFirst() ?? ""
                case "--seconds": seconds = rest.popFirst().flatMap { Int64($0) } ?? -1
                case "--journal-mb":
                    guard let megabytes = rest.popFirst().flatMap({ Int($0) }), megabytes > 0 else { return nil }
                    journalMegabytes = megabytes
                default: return nil
                }
            }
            guard !configPath.isEmpty, seconds >= 0 else { return nil }
        }
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }

    static func loadConfig(_ path: String) throws -> SiteConfig {
        let bytes = try FileContents.read(path: path)
        let result = SiteConfigParser.parse(text: String(decoding: bytes, as: UTF8.self), file: path)
        guard let config = result.config else {
            throw BenchError(description: result.errors.map { "\($0)" }.joined(separator: "\n"))
        }
        return config
    }
}

/// One simulated `cmmgate run`: runtime, journal, device, and what was journaled.
struct RuntimeDrive {
    var runtime: AgentRuntime
    let device: MemoryBlockDevice
    let journal: Journal<MemoryBlockDevice>
    let meters: SyntheticMeters
    /// The coalesced requests of each bus, as its poller runs them.
    let requests: [[PollRequest]]
    /// For each request, the point position of each member (looked up once).
    let memberPoints: [[[Int]]]
    var requestCount: Int { requests.map(\.count).reduce(0, +) }
    /// Records and payload bytes per record type.
    var records: [UInt8: (count: Int, bytes: Int)] = [:]
    /// The events journaled (rare: decoded as they come), and the newest real-time payload.
    var events: [String] = []
    var lastRealtime: [UInt8] = []

    /// Wall to monotonic nanoseconds: the monotonic clock reads `RuntimeBench.monotonicAtStart`
    /// seconds at UTC second `firstSecond`, the first second run.
    let toMonotonic: Int64

    init(config: SiteConfig, firstSecond: Int64 = RuntimeBench.startSecond) throws {
        toMonotonic = (RuntimeBench.monotonicAtStart - firstSecond) * 1_000_000_000
        runtime = AgentRuntime(config: config)
        device = MemoryBlockDevice(sizeBytes: config.agent.journalSizeBytes)
        journal = try Journal.format(device, configuration: JournalConfiguration(  // as AgentDaemon.init
            commitIntervalMilliseconds: Int64(config.agent.commitIntervalMilliseconds),
            overwritePolicy: config.agent.overwrite == .oldest ? .overwriteOldest : .refuseNewRecords))
        let meters = SyntheticMeters(config: config)
        self.meters = meters
        let plan = runtime.plan
        let requests = try config.buses.indices.map { bus throws(FieldBusError) in try plan.requests(bus: bus) }
        self.requests = requests
        memberPoints = requests.map { $0.map { $0.members.map { meters.pointIndex(readID: $0.readID) } } }
    }

    /// What the pollers post during UTC second `second`: one report per request, its results
    /// acquired 20 ms into the second and 50 ms apart.
    func polls(second: Int64) -> [BusReport] {
        var reports: [BusReport] = []
        reports.reserveCapacity(requestCount)
        for (bus, busRequests) in requests.enumerated() {
            for (position, request) in busRequests.enumerated() {
                let wall = second * 1_000_000_000 + Int64(min(position * 50 + 20, 950)) * 1_000_000
                let monotonic = FieldBus.MonotonicInstant(nanoseconds: UInt64(wall + toMonotonic))
                let points = memberPoints[bus][position]
                var results: [PollResult] = []
                results.reserveCapacity(points.count)
                for (member, point) in zip(request.members, points) {
                    results.append(PollResult(readID: member.readID, result: .success(Acquired(
                        value: meters.value(point: point, second: second), monotonic: monotonic,
                        wall: WallTime(nanosecondsSinceEpoch: wall), report: TransactionReport()))))
                }
                reports.append(.polled(bus: bus, results: results))
            }
        }
        return reports
    }

    /// The main loop's wake-up 2 ms after UTC second `second` ended: the reports, the tick for
    /// the second, the journal appends and the group commit when due.
    mutating func mainLoop(second: Int64, reports: [BusReport]) throws {
        let wakeWall = second * 1_000_000_000 + 1_002_000_000
        let wakeMonotonic = UInt64(wakeWall + toMonotonic)
        for report in reports {
            try append(runtime.ingest(report, monotonicNanoseconds: wakeMonotonic, wallNanoseconds: wakeWall))
        }
        try append(runtime.tick(.init(second: second, monotonicNanoseconds: wakeMonotonic,
                                      wallNanoseconds: wakeWall, synchronised: true)))
        _ = try journal.commitIfDue(now: .init(milliseconds: Int64(wakeMonotonic / 1_000_000)))
    }

    mutating func append(_ entries: [JournalEntry]) throws {
        for entry in entries {
            try journal.append(type: entry.type, timestamp: entry.timestampMilliseconds, payload: entry.payload)
            var counted = records[entry.type.rawValue] ?? (0, 0)
            counted.count += 1
            counted.bytes += entry.payload.count
            records[entry.type.rawValue] = counted
            if entry.type == AgentRecordType.realtime { lastRealtime = entry.payload }
            if entry.type == AgentRecordType.event {
                events.append((try? AgentEventCodec.decode(entry.payload))?.kind.name ?? "undecodable")
            }
        }
    }

    func printFigures(seconds: Int64, elapsedNanoseconds: Double) {
        let parameters = runtime.config.parameters.count
        print("runtime_parameters \(parameters) parameters")
        print("runtime_requests_per_second \(requestCount) requests")
        print("runtime_seconds \(seconds) s")
        var payload = 0
        for (type, name) in AgentRecordType.all {
            let counted = records[type.rawValue] ?? (0, 0)
            payload += counted.bytes
            print("runtime_\(name)_records \(counted.count) records")
            print("runtime_\(name)_payload_bytes \(counted.bytes) bytes")
        }
        print("runtime_events \(events.count) events: \(events.joined(separator: ","))")
        if let record = try? RealtimeRecordCodec.decode(lastRealtime) {
            let flags = record.values.map { "\($0.flag)" }.joined()
            print("runtime_last_record_flags \(flags.count) flags: \(flags)")
        }
        guard seconds > 0 else { return }
        let perSecond = { (value: Int) in Double(value) / Double(seconds) }
        let realtime = records[AgentRecordType.realtime.rawValue]?.bytes ?? 0
        print("runtime_realtime_payload_bytes_per_second \(String(perSecond(realtime))) bytes/s")
        print("runtime_payload_bytes_per_second \(String(perSecond(payload))) bytes/s")
        print("runtime_programmed_bytes \(device.programmedBytes) bytes")
        print("runtime_programmed_bytes_per_second \(String(perSecond(device.programmedBytes))) bytes/s")
        print("runtime_programmed_bytes_per_day \(Int((perSecond(device.programmedBytes) * 86_400).rounded())) bytes")
        print("runtime_erased_blocks \(device.erasedBlocks) blocks")
        print("runtime_syncs \(device.syncs) syncs")
        let samples = Double(seconds) * Double(parameters)
        print("runtime_ns_per_parameter_sample \(String(elapsedNanoseconds / samples)) ns")
    }
}
