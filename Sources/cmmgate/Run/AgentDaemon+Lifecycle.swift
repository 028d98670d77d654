import AgentCore
import DeviceIO
import FieldBus
import Journal
import Metering

extension AgentDaemon {
    /// Appends `entries` in order. Durability: they are in the journal's pending group and reach
    /// flash at the next commit (at most `commit_interval_ms` later, docs/journal-design.md); the
    /// daemon hands nothing to an uplink before that. A refused append (the ring is full of
    /// unacknowledged records under `overwrite = refuse`) loses that record: it is logged and
    /// counted, never silent; any other journal failure stops the daemon (systemd restarts it
    /// and recovery runs).
    func append(_ entries: [JournalEntry]) throws(DaemonFailure) {
        for entry in entries {
            do {
                try journal.append(type: entry.type, timestamp: entry.timestampMilliseconds, payload: entry.payload)
            } catch where error.code == .full {
                appendFailures += 1
                log.write(.error, source: "journal-full", "journal \(journalPath) full (overwrite = refuse): "
                          + "record of type \(entry.type) at \(entry.timestampMilliseconds) ms not kept "
                          + "(\(appendFailures) so far)", now: clock.now())
            } catch {
                throw DaemonFailure(description: "journal \(journalPath): append failed: \(error)")
            }
        }
    }

    /// Makes everything appended durable now (start, reload, stop).
    func commit() throws(DaemonFailure) {
        do { try journal.commit() } catch {
            throw DaemonFailure(description: "journal \(journalPath): commit failed: \(error)")
        }
    }

    /// What `runtime` resumes from: every record from the first of the local day of the newest
    /// record on, read in pages so memory stays bounded (`JournalHistory` keeps only what it needs).
    func loadHistory(for runtime: AgentRuntime) throws(DaemonFailure) -> JournalHistory {
        var history = JournalHistory(configurationTag: runtime.configurationTag)
        do {
            let last = journal.lastDurableSequence
            guard last > 0 else { return history }
            let tail = try journal.records(from: last > 64 ? last - 64 : 1)
            guard let newest = tail.filter({ $0.type.isApplicationType }).map(\.timestamp).max() else { return history }
            let newestSecond = newest >= 0 ? newest / 1000 : (newest - 999) / 1000
            let dayStart = runtime.periodClock.start(of: .day, containing: newestSecond) * 1000
            guard var next = try journal.records(between: dayStart...Int64.max, limit: 1).first?.sequence else { return history }
            while true {
                let page = try journal.records(from: next, limit: 2048)
                for record in page { history.add(record) }
                guard let lastRead = page.last?.sequence, lastRead < last else { break }
                next = lastRead + 1
            }
        } catch {
            throw DaemonFailure(description: "journal \(journalPath): reading history to resume from failed: \(error)")
        }
        if let problem = history.firstProblem {
            log.always(.warning, "journal \(journalPath): \(history.undecodable) records could not be decoded and were skipped; first: \(problem)")
        }
        return history
    }

    /// One poller thread per bus, each with its planned requests and any `--port` override.
    func startPollers() throws(DaemonFailure) {
        mailbox = Mailbox<BusReport>()
        let now = clock.now()
        for (index, bus) in config.buses.enumerated() {
            let requests: [PollRequest]
            do {
                requests = try runtime.plan.requests(bus: index)
            } catch {
                throw DaemonFailure(description: "bus \(bus.name): cannot plan its reads: \(error)")
            }
            let setup = BusPollerSetup(index: index, config: Self.overridden(bus, options), requests: requests,
                                       portOverride: options.portOverrides[bus.name])
            // A poller reports at least every slice when idle; a transaction can take every attempt's timeout.
            let budget = bus.responseTimeoutMilliseconds * (bus.retries + 1) + 5_000
            ledger.register(loop: Self.busLoop(bus.name), budgetMilliseconds: budget, now: now)
            let mailbox = self.mailbox
            do {
                if options.hangPoller == bus.name {
                    pollers.append(try PollerThread(name: "bus-\(bus.name)") { BusPoller.hang(setup, mailbox: mailbox) })
                } else {
                    pollers.append(try PollerThread(name: "bus-\(bus.name)") { BusPoller.run(setup, mailbox: mailbox) })
                }
            } catch {
                throw DaemonFailure(description: "bus \(bus.name): cannot start its poller thread: \(error)")
            }
        }
    }

    /// `bus` as `--port BUS=PATH` changes it: a serial device given on the command line is a
    /// pseudo-terminal or an adapter with automatic direction, so direction control is `none`.
    static func overridden(_ bus: BusConfig, _ options: RunCommand.Options) -> BusConfig {
        guard options.portOverrides[bus.name] != nil, case .serial(var serial) = bus.transport else { return bus }
        serial.direction = .none
        var changed = bus
        changed.transport = .serial(serial)
        return changed
    }

    /// Asks every poller to stop and waits for it (each finishes its transaction first).
    func stopPollers() {
        mailbox.requestStop()
        for poller in pollers {
            do { try poller.join() } catch { log.always(.error, "poller \(poller.name): \(error)") }
        }
        pollers = []
        for bus in config.buses { ledger.unregister(loop: Self.busLoop(bus.name)) }
    }

    /// SIGHUP: re-reads the configuration file. Applied only if it validates (and its journal and
    /// watchdog settings are taken at the next start): pollers stop, the new runtime resumes from
    /// the journal, pollers start again. Either outcome is journaled.
    func reload() throws(DaemonFailure) {
        try? notifier?.reloading()
        let second = wallSecond()
        guard let result = CheckConfigCommand.load(path: options.configPath, command: RunCommand.name),
              let newConfig = result.config else {
            let first = CheckConfigCommand.load(path: options.configPath, command: RunCommand.name)?.errors.first?.description
                ?? "cannot read \(options.configPath)"
            log.always(.error, "SIGHUP: \(options.configPath) not applied: \(first)")
            try append([AgentRuntime.entry(.configurationRejected(path: options.configPath, firstError: first), second: second)])
            try? notifier?.ready()
            return
        }
        stopUplinks()
        stopPollers()
        let next = AgentRuntime(config: newConfig)
        if next.configurationTag != runtime.configurationTag {
            // Another parameter list: this one's open periods end here (partial, with its tag).
            try append(runtime.closeOpenPeriods())
        }
        try commit()
        config = newConfig
        runtime = next
        let history = try loadHistory(for: runtime)
        try append(runtime.restore(history))
        let information = runtime.siteInformationEntry(second: second)
        if history.newestSiteInformation != information.payload { try append([information]) }
        try append([AgentRuntime.entry(.configurationLoaded(tag: runtime.configurationTag, path: options.configPath), second: second)])
        try commit()
        try startPollers()
        try startUplinks()
        log.always(.info, "SIGHUP: \(options.configPath) applied: \(newConfig.parameters.count) parameters")
        try? notifier?.ready()
    }
}
