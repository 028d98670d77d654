import AgentCore
import DeviceIO
import FieldBus
import Journal
import Metering

/// Why the daemon could not start or had to stop (exit 70: systemd restarts it).
struct DaemonFailure: Error, CustomStringConvertible {
    var description: String
}

/// `cmmgate run`'s process: the journal, the pure `AgentRuntime`, one poller thread per bus,
/// the watchdog and the main loop that ties them together (docs/architecture.md, "Daemon").
///
/// The main loop wakes just after each wall-clock second boundary, takes every report the
/// pollers posted, asks the runtime for the second's entries, appends them to the journal
/// (commits happen at the configured group-commit interval), reports its own liveness, and lets
/// the watchdog keeper decide whether to kick. Nothing else writes to the journal.
final class AgentDaemon {
    let options: RunCommand.Options
    var config: SiteConfig
    var runtime: AgentRuntime
    let journal: Journal<FileBlockDevice>
    let journalPath: String
    let clock = SystemClock()
    var log: DaemonLog
    /// Opened (and so armed) by the `watchdog` service, last, once everything else runs.
    var watchdog: DaemonWatchdog?
    let notifier: SystemdNotifier?
    /// Why the daemon stops, for the `stopped` event the journal service writes last.
    var stopReason = "stopped"
    var orderlyStop = true
    var ledger = LivenessLedger()
    var mailbox = Mailbox<BusReport>()
    var pollers: [PollerThread] = []
    var uplinks: [UplinkHandle] = []
    var appendFailures = 0

    static let mainLoop = "main"
    /// How late the main loop may report before the watchdog stops kicking, ms.
    static let mainBudgetMilliseconds = 5_000

    init(config: SiteConfig, options: RunCommand.Options) throws(DaemonFailure) {
        self.options = options
        self.config = config
        runtime = AgentRuntime(config: config)
        log = DaemonLog(config.agent)
        journalPath = options.journalPath ?? config.agent.journalPath
        let journalConfiguration = JournalConfiguration(
            commitIntervalMilliseconds: Int64(config.agent.commitIntervalMilliseconds),
            overwritePolicy: config.agent.overwrite == .oldest ? .overwriteOldest : .refuseNewRecords)
        do {
            let opened = try JournalFileProvisioner.open(path: journalPath, sizeBytes: config.agent.journalSizeBytes,
                                                         configuration: journalConfiguration)
            journal = opened.journal
            if case .created(let bytes) = opened.outcome {
                log.always(.info, "journal \(journalPath): created, \(bytes) bytes")
            }
        } catch {
            throw DaemonFailure(description: "journal \(journalPath): \(error)")
        }
        do {
            notifier = try SystemdNotifier()
            try SignalFlags.install()
        } catch {
            throw DaemonFailure(description: "\(error)")
        }
    }

    /// Runs until a stop signal (or `--seconds`); returns the exit status.
    func run() -> Int32 {
        var supervisor = ServiceSupervisor<DaemonFailure>(services())
        if case .failed(let fault, let rollback) = supervisor.startAll() {
            log.always(.error, "cmmgate run: \(fault.service) did not start: \(fault.error)")
            for other in rollback { log.always(.error, "cmmgate run: stopping \(other.service): \(other.error)") }
            return ExitStatus.failure
        }
        log.always(.info, "cmmgate \(VersionCommand.version): site '\(config.identity.name)' (MN \(config.identity.mn)), "
                   + "\(config.buses.count) buses, \(config.parameters.count) parameters, journal \(journalPath), "
                   + (watchdog?.summary ?? "watchdog: none"))
        try? notifier?.ready()
        var status = ExitStatus.success
        do throws(DaemonFailure) {
            stopReason = try loop()
        } catch {
            log.always(.error, "cmmgate run: \(error)")
            (stopReason, orderlyStop, status) = (error.description, false, ExitStatus.failure)
        }
        try? notifier?.stopping()
        for fault in supervisor.stopAll() { log.always(.error, "cmmgate run: stopping \(fault.service): \(fault.error)") }
        log.always(.info, "cmmgate run: stopped (\(stopReason))")
        return status
    }

    /// The services in start order (docs/architecture.md, "Start and stop"): the journal (resume,
    /// `started`; at stop `stopped` and the final commit), the bus pollers, the HJ 212 uplinks,
    /// and last the watchdog, armed only once everything else runs and closed first on the way down.
    private func services() -> [ServiceSupervisor<DaemonFailure>.Service] {
        [.init(name: "journal", start: { [unowned self] () throws(DaemonFailure) in try resume() },
               stop: { [unowned self] () throws(DaemonFailure) in
                   try append([AgentRuntime.entry(.stopped(reason: stopReason), second: wallSecond())])
                   try commit()
               }),
         .init(name: "pollers", start: { [unowned self] () throws(DaemonFailure) in try startPollers() },
               stop: { [unowned self] in stopPollers() }),
         .init(name: "uplinks", start: { [unowned self] () throws(DaemonFailure) in try startUplinks() },
               stop: { [unowned self] in stopUplinks() }),
         .init(name: "watchdog", start: { [unowned self] () throws(DaemonFailure) in try openWatchdog() },
               stop: { [unowned self] in
                   if let message = watchdog?.stop(orderly: orderlyStop) { log.always(.error, message) }
               })]
    }

    /// Resumes the runtime from the journal and journals the start.
    private func resume() throws(DaemonFailure) {
        let history = try loadHistory(for: runtime)
        let now = wallSecond()
        try append(runtime.restore(history))
        try append([AgentRuntime.entry(.started(version: VersionCommand.version, lastRecordSecond: history.newestRealtimeSecond), second: now),
                    AgentRuntime.entry(.configurationLoaded(tag: runtime.configurationTag, path: options.configPath), second: now)])
        // The basic information table, when it is not the one already journaled today (HJ 212
        // CN 3020 on first connect and whenever it changes: the uplink sends it like any record).
        let information = runtime.siteInformationEntry(second: now)
        if history.newestSiteInformation != information.payload { try append([information]) }
        try commit()
        ledger.register(loop: Self.mainLoop, budgetMilliseconds: Self.mainBudgetMilliseconds, now: clock.now())
    }

    private func openWatchdog() throws(DaemonFailure) {
        do {
            watchdog = try DaemonWatchdog(config.agent, notifier: notifier)
        } catch {
            throw DaemonFailure(description: "\(error)")
        }
    }

    /// The per-second loop. Returns why it ended.
    private func loop() throws(DaemonFailure) -> String {
        var ticks = 0
        while true {
            try sleepPastNextSecond()
            try second()
            ticks += 1
            let signals = SignalFlags.take()
            if signals.contains(.terminate) || signals.contains(.interrupt) {
                return "signal \(signals.contains(.terminate) ? "SIGTERM" : "SIGINT")"
            }
            if signals.contains(.hangup) { try reload() }
            if let limit = options.seconds, ticks >= limit { return "--seconds \(limit) elapsed" }
        }
    }

    /// One second: bus reports, the runtime's tick, the journal, liveness and the watchdog.
    private func second() throws(DaemonFailure) {
        let monotonic = clock.now()
        let wall = Int64(clock.wallNanoseconds())
        for report in mailbox.drainAll() {
            _ = ledger.report(loop: Self.busLoop(config.buses[report.bus].name), now: monotonic)
            if case .outage(_, let reason, _, _) = report {
                log.write(.warning, source: "bus \(report.bus)", "bus outage: \(reason)", now: monotonic)
            }
            try append(runtime.ingest(report, monotonicNanoseconds: monotonic.nanoseconds, wallNanoseconds: wall))
        }
        // The record stands for the second that just ended (the loop wakes just after its end).
        let tick = AgentRuntime.Tick(second: AgentRuntime.second(wall) - 1, monotonicNanoseconds: monotonic.nanoseconds,
                                     wallNanoseconds: wall, synchronised: clockSynchronised())
        try append(runtime.tick(tick))
        do {
            // Ticks come a second apart but jitter (a tick made late by a busy second is followed
            // by one less than a second after it): a commit due within half a tick is made now
            // rather than a whole tick late.
            _ = try journal.commitIfDue(now: .init(milliseconds: Int64(monotonic.nanoseconds / 1_000_000)), tolerance: 500)
        } catch where error.code == .full {
            // overwrite = refuse and nothing acknowledged: the pending records wait (an alarm, not a stop).
            log.write(.error, source: "journal-full", "journal \(journalPath) full (overwrite = refuse): \(error)", now: monotonic)
        } catch {
            throw DaemonFailure(description: "journal \(journalPath): commit failed: \(error)")
        }
        try serviceUplinks()
        _ = ledger.report(loop: Self.mainLoop, now: monotonic)
        if let message = watchdog?.tick(now: clock.now(), ledger: ledger) {
            log.write(.error, source: "watchdog", message, now: monotonic)
        }
    }

    /// Sleeps until 2 ms past the next wall-clock second boundary (on the monotonic clock, so a
    /// wall-clock step cannot make the loop sleep for an hour or spin). With uplinks it wakes
    /// every 10 ms meanwhile to answer their journal reads.
    private func sleepPastNextSecond() throws(DaemonFailure) {
        let intoSecond = clock.wallNanoseconds() % 1_000_000_000
        let wake = clock.now().adding(nanoseconds: 1_000_000_000 - intoSecond + 2_000_000)
        while uplinks.isEmpty == false, clock.now() < wake {
            try serveUplinkRequests()
            clock.sleep(until: min(wake, clock.now().adding(milliseconds: 10)))
        }
        clock.sleep(until: wake)
    }

    private func clockSynchronised() -> Bool? {
        guard config.agent.clockSyncCheck else { return nil }
        return try? ClockSyncStatus.read().synchronised
    }

    func wallSecond() -> Int64 { AgentRuntime.second(Int64(clock.wallNanoseconds())) }

    static func busLoop(_ name: String) -> String { "bus \(name)" }
}
