import FieldBus
import Metering

/// The agent's pure core (docs/architecture.md, "Runtime"): bus reports and the second ticks of
/// the main loop in, journal entries out, in the order they must be appended. It never reads a
/// clock and never does IO: the daemon gives it every time it needs, appends what it returns,
/// and restores it from the journal after a restart.
///
/// Per tick: clock events (a step against the monotonic clock, a change of the kernel's
/// synchronised state), the daily calibration check, the second's real-time record (never two for
/// one second, never one for a second not after the last), the statistics and accounting periods
/// that closed, and the cross-check alarms. Per bus report: the readings, meters going offline
/// or coming back, and bus outages.
public struct AgentRuntime: Sendable {
    public let config: SiteConfig
    public let plan: AcquisitionPlan
    public let model: MeteringModel
    public let periodClock: PeriodClock

    var assembler: RealtimeAssembler
    var statistics: StatisticsAggregator
    var accounting: AccountingAggregator
    var crossChecks: [CrossCheckMonitor]
    var offline: OfflineTracker
    var clockSteps: ClockStepDetector
    var synchronised: Bool?
    var busDownSince: [Int: Int64] = [:]
    /// Per meter with a `status_point`: whether its last status reading said stopped.
    var meterStopped: [Int: Bool] = [:]
    var calibrationCheckedOn: CalendarDate?
    /// The newest second with a real-time record (journaled before, or made here).
    public internal(set) var lastRecordSecond: Int64?
    /// Seconds the main loop did not tick for (it stalled): no record was made for them.
    public internal(set) var skippedSeconds: Int64 = 0
    /// Records made, for status and tests.
    public internal(set) var recordsMade = 0

    public init(config: SiteConfig) {
        self.config = config
        plan = AcquisitionPlan(config: config)
        model = MeteringModel(config: config)
        periodClock = PeriodClock(utcOffsetSeconds: config.identity.utcOffsetMinutes * 60)
        assembler = RealtimeAssembler(specs: model.specs)
        let settings = config.statistics
        statistics = StatisticsAggregator(
            specs: model.specs,
            thresholds: StatisticsThresholds(minuteMinimumSamples: settings.minuteMinimumSamples,
                                             hourMinimumMinutes: settings.hourMinimumMinutes,
                                             dayMinimumHours: settings.dayMinimumHours,
                                             normalFraction: settings.normalFraction),
            clock: periodClock)
        accounting = AccountingAggregator(model: model, clock: periodClock)
        crossChecks = model.crossChecks.map {
            CrossCheckMonitor(tolerancePercent: $0.tolerancePercent, durationSeconds: $0.durationSeconds)
        }
        offline = OfflineTracker(offlineAfterSeconds: config.agent.offlineAfterSeconds, meterCount: config.meters.count)
        clockSteps = ClockStepDetector(thresholdMilliseconds: config.agent.clockStepMilliseconds)
    }

    /// The configuration tag every record of this runtime carries.
    public var configurationTag: UInt32 { model.configurationTag }

    /// The site-information record of this configuration, stamped with `second`.
    public func siteInformationEntry(second: Int64) -> JournalEntry {
        JournalEntry(type: AgentRecordType.siteInformation, timestampMilliseconds: second * 1000,
                     payload: SiteInformation.payload(config))
    }

    /// The journal entry of `event`, stamped with `second`.
    public static func entry(_ event: AgentEvent, second: Int64) -> JournalEntry {
        JournalEntry(type: AgentRecordType.event, timestampMilliseconds: second * 1000,
                     payload: AgentEventCodec.encode(event))
    }

    /// Takes one poller report, received at these times; returns the events it caused.
    public mutating func ingest(_ report: BusReport, monotonicNanoseconds: UInt64, wallNanoseconds: Int64) -> [JournalEntry] {
        let second = Self.second(wallNanoseconds)
        switch report {
        case .polled(_, let results):
            // Status points first: a reading in the same reply as the status that stops it is F.
            let ordered = results.filter { plan.route(readID: $0.readID)?.isMeterStatus == true }
                + results.filter { plan.route(readID: $0.readID)?.isMeterStatus != true }
            return ordered.flatMap { ingest($0, monotonicNanoseconds: monotonicNanoseconds, second: second) }
        case .outage(let bus, let reason, let monotonic, let wall):
            return outage(bus: bus, reason: reason, monotonicNanoseconds: monotonic, wallNanoseconds: wall)
        case .restored(let bus, _, let wall):
            guard let since = busDownSince.removeValue(forKey: bus) else { return [] }
            let at = Self.second(wall)
            return [Self.entry(.busRestored(name: config.buses[bus].name, downSeconds: max(0, at - since)), second: at)]
        case .alive:
            return []
        }
    }

    /// One read's result: the reading of every parameter it feeds, and the meter's availability.
    mutating func ingest(_ result: PollResult, monotonicNanoseconds: UInt64, second: Int64) -> [JournalEntry] {
        guard let reading = plan.reading(result) else { return [] }
        let route = reading.route
        var outcome = reading.outcome
        if route.isMeterStatus {
            // A status that cannot be read says nothing: the meter's values keep their own flags.
            if case .value(let status) = outcome { meterStopped[route.meter] = status == 0 } else {
                meterStopped[route.meter] = nil
            }
        }
        if meterStopped[route.meter] == true, case .value = outcome, !route.isMeterStatus {
            outcome = .instrumentStopped
        }
        var wall = second * 1_000_000_000
        var monotonic = monotonicNanoseconds
        if case .success(let acquired) = result.result {
            wall = acquired.wall.nanosecondsSinceEpoch
            monotonic = acquired.monotonic.nanoseconds
        }
        for parameter in route.parameters {
            assembler.ingest(index: parameter, outcome: outcome, wallNanoseconds: wall, monotonicNanoseconds: monotonic)
        }
        let answered: Bool
        switch result.result {
        case .success: answered = true
        case .failure(let error): answered = error.code == .exception  // it answered, with an exception
        }
        return meterTransition(route.meter, answered: answered, second: second)
    }

    mutating func meterTransition(_ meter: Int, answered: Bool, second: Int64) -> [JournalEntry] {
        let name = config.meters[meter].name
        switch offline.observe(meter: meter, success: answered, second: second) {
        case .offline(let since)?: return [Self.entry(.meterOffline(name: name, since: since), second: second)]
        case .online(let at, let down)?: return [Self.entry(.meterOnline(name: name, downSeconds: down), second: at)]
        case nil: return []
        }
    }

    /// A bus's port failed: every parameter it feeds loses its reading now (flag B), its meters
    /// count as not answering, and the outage is journaled once until the bus is restored.
    mutating func outage(bus: Int, reason: String, monotonicNanoseconds: UInt64, wallNanoseconds: Int64) -> [JournalEntry] {
        let second = Self.second(wallNanoseconds)
        var entries: [JournalEntry] = []
        if busDownSince[bus] == nil {
            busDownSince[bus] = second
            entries.append(Self.entry(.busOutage(name: config.buses[bus].name, since: second, reason: reason), second: second))
        }
        var meters: [Int] = []
        for route in plan.routes(bus: bus) {
            for parameter in route.parameters {
                assembler.ingest(index: parameter, outcome: .communicationFailure,
                                 wallNanoseconds: wallNanoseconds, monotonicNanoseconds: monotonicNanoseconds)
            }
            if !meters.contains(route.meter) { meters.append(route.meter) }
        }
        for meter in meters { entries += meterTransition(meter, answered: false, second: second) }
        return entries
    }

    /// Sets the operator's mode of parameter `name` (M, C or S from the shell) and returns the
    /// event to journal; nil for an unknown parameter.
    public mutating func setMode(parameter name: String, _ mode: OperatorMode, by operator: String, second: Int64) -> JournalEntry? {
        guard let index = config.parameters.firstIndex(where: { $0.name == name }) else { return nil }
        assembler.setMode(index: index, mode)
        return Self.entry(.operatorFlag(parameter: name, mode: mode, by: `operator`), second: second)
    }

    /// The parameter's current value and flag at monotonic `now` (for status displays).
    public func currentValue(parameter index: Int, monotonicNanoseconds now: UInt64) -> FlaggedValue {
        assembler.flaggedValue(index: index, now: now)
    }

    /// UTC epoch seconds of a wall time in nanoseconds (floor, also before 1970).
    public static func second(_ wallNanoseconds: Int64) -> Int64 {
        wallNanoseconds >= 0 ? wallNanoseconds / 1_000_000_000 : (wallNanoseconds + 1) / 1_000_000_000 - 1
    }
}
