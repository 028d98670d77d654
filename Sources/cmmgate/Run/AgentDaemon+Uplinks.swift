import AgentCore
import DeviceIO
import FieldBus
import Journal
import Metering
import Uplink
import Wire

/// One uplink as the main thread sees it: its builder, its channel and thread, and how far the
/// live feed has gone.
final class UplinkHandle {
    let config: UplinkConfig
    var builder: UplinkFrameBuilder
    let channel = UplinkChannel()
    var thread: PollerThread?
    /// The newest journal sequence handed to the uplink as live records.
    var fed: UInt64

    init(config: UplinkConfig, builder: UplinkFrameBuilder, fed: UInt64) {
        self.config = config
        self.builder = builder
        self.fed = fed
    }

    var loopName: String { "uplink \(config.name)" }

    /// Keeps the frame builder in step with settings the platform changed.
    func apply(_ settings: UplinkSessionSettings) {
        builder.password = settings.password
        builder.realtimeIntervalSeconds = settings.realtimeIntervalSeconds
        builder.minuteIntervalMinutes = settings.minuteIntervalMinutes
    }
}

extension AgentDaemon {
    /// Registers each uplink's journal consumer (a new one starts from the oldest retained
    /// record: a new platform gets the history the box holds) and starts its thread.
    func startUplinks() throws(DaemonFailure) {
        uplinks = []
        for config in config.uplinks {
            do {
                try journal.register(consumer: config.consumer, startingAt: .oldestRetained)
            } catch {
                throw DaemonFailure(description: "uplink \(config.name): journal consumer \(config.consumer): \(error)")
            }
            let handle = UplinkHandle(config: config, builder: UplinkFrameBuilder(site: self.config, uplink: config),
                                      fed: journal.lastDurableSequence)
            var key: [UInt8]?
            if let path = config.sm4KeyFile {
                do {
                    key = try SM4KeyFile.load(path: path)
                    _ = try LibcryptoSM4(key: key ?? [])
                } catch {
                    throw DaemonFailure(description: "uplink \(config.name): sm4_key_file \(path): \(error)")
                }
            }
            let settings = persistedSettings(config, over: Self.sessionSettings(config, self.config.identity))
            handle.apply(settings)
            let setup = UplinkSetup(config: config, settings: settings,
                                    acknowledged: journal.acknowledged(by: config.consumer) ?? 0, sm4Key: key)
            ledger.register(loop: handle.loopName, budgetMilliseconds: setup.settings.connectTimeoutSeconds * 1000 + 10_000,
                            now: clock.now())
            let channel = handle.channel
            do {
                handle.thread = try PollerThread(name: "uplink-\(config.name)") { UplinkLink.run(setup, channel: channel) }
            } catch {
                throw DaemonFailure(description: "uplink \(config.name): cannot start its thread: \(error)")
            }
            uplinks.append(handle)
        }
        try commit()  // the consumers' registration
    }

    func stopUplinks() {
        for handle in uplinks {
            handle.channel.toUplink.requestStop()
            do { try handle.thread?.join() } catch { log.always(.error, "\(handle.loopName): \(error)") }
            ledger.unregister(loop: handle.loopName)
        }
        uplinks = []
    }

    /// Where an uplink keeps what the platform set (CN 1000, 1062, 1064, 1072), beside the journal.
    func statePath(_ config: UplinkConfig) -> String { journalPath + ".uplink-" + config.name }

    /// `base` with what the platform set before (the uplink's state file), if there is a valid one;
    /// a damaged file is reported and the configured values apply.
    private func persistedSettings(_ config: UplinkConfig, over base: UplinkSessionSettings) -> UplinkSessionSettings {
        let path = statePath(config)
        do {
            guard let bytes = try AtomicFile.read(path) else { return base }
            let saved = try UplinkPersistedSettings.decode(String(decoding: bytes, as: UTF8.self), over: base)
            log.always(.info, "uplink \(config.name): settings the platform set earlier apply (\(path))")
            return saved.applied(to: base)
        } catch {
            log.always(.warning, "uplink \(config.name): \(path): \(error); the configured values apply")
            return base
        }
    }

    static func sessionSettings(_ config: UplinkConfig, _ identity: SiteIdentity) -> UplinkSessionSettings {
        UplinkSessionSettings(profile: config.protocolVersion, mn: identity.mn, password: identity.password,
                              systemCode: HJ212SystemCode(rawValue: Int(identity.systemCode) ?? 31),
                              utcOffsetMinutes: identity.utcOffsetMinutes, overTimeSeconds: config.overTimeSeconds,
                              reCount: config.reCount, heartbeatSeconds: config.heartbeatSeconds,
                              backlogFramesPerSecond: config.backlogFramesPerSecond,
                              realtimeIntervalSeconds: config.realtimeIntervalSeconds,
                              minuteIntervalMinutes: config.minuteIntervalMinutes, fetchLimit: 256)
    }

    /// Each second, after the commit: answers what the uplinks asked, then hands them the
    /// records that became durable. Only durable records are ever sent.
    func serviceUplinks() throws(DaemonFailure) {
        try serveUplinkRequests()
        for handle in uplinks { try feed(handle) }
    }

    /// Answers what the uplinks asked (reads, acknowledgements, events); also called while the
    /// main loop waits for the next second, so a backlog drains at the uplink's pace rather than
    /// one page per second.
    func serveUplinkRequests() throws(DaemonFailure) {
        for handle in uplinks {
            for request in handle.channel.fromUplink.drainAll() { try serve(request, handle) }
        }
    }

    private func feed(_ handle: UplinkHandle) throws(DaemonFailure) {
        let last = journal.lastDurableSequence
        guard last > handle.fed else { return }
        let records = try read { () throws(JournalError) in try journal.records(from: handle.fed + 1) }
        let batch = UplinkBatch(after: handle.fed, through: last, messages: messages(records, handle, resend: false),
                                reachedEnd: true)
        handle.fed = last
        handle.channel.toUplink.post(.appended(batch))
    }

    private func serve(_ request: UplinkRequest, _ handle: UplinkHandle) throws(DaemonFailure) {
        let now = clock.now()
        switch request {
        case .alive:
            _ = ledger.report(loop: handle.loopName, now: now)
        case .fetch(let fetch):
            let records = try read { () throws(JournalError) in try journal.records(from: fetch.after + 1, limit: fetch.limit) }
            handle.channel.toUplink.post(.fetched(UplinkBatch(
                after: fetch.after, through: records.last?.sequence ?? fetch.after,
                messages: messages(records, handle, resend: fetch.resend), reachedEnd: records.count < fetch.limit)))
        case .fetchHistory(let fetch):
            handle.channel.toUplink.post(.historyFetched(try history(fetch, handle)))
        case .acknowledge(let through):
            do { try journal.acknowledge(handle.config.consumer, through: through) } catch {
                log.write(.error, source: handle.loopName, "\(handle.loopName): acknowledge \(through): \(error)", now: now)
            }
        case .setClock(let setting):
            handle.channel.toUplink.post(.executed(qn: setting.qn, result: setClock(setting, handle)))
        case .storeKey(let key):
            handle.channel.toUplink.post(.executed(qn: key.qn, result: storeKey(key, handle)))
        case .journal(let event):
            // The step of a set-time that changed nothing (under the threshold) is not journaled.
            if case .clockStepped(let step) = event, step.deltaNanoseconds.magnitude < clockStepThresholdNanoseconds { return }
            try append([AgentRuntime.entry(event, second: wallSecond())])
        case .settingsChanged(let settings):
            handle.apply(settings)
            // Durability: written to a new file, synced, renamed over the old one, directory synced
            // (AtomicFile): after a power cut the file holds the old or the new settings, whole.
            do {
                try AtomicFile.write(Array(UplinkPersistedSettings(settings).text.utf8), to: statePath(handle.config),
                                     permissions: 0o600)
                log.write(.info, source: handle.loopName, "\(handle.loopName): the platform changed a setting; "
                          + "kept in \(statePath(handle.config))", now: now)
            } catch {
                log.write(.error, source: handle.loopName, "\(handle.loopName): keeping the platform's setting failed "
                          + "(it applies until the next start): \(error)", now: now)
            }
        case .log(let level, let text):
            log.write(level == .error ? .error : level == .warning ? .warning : .info, source: handle.loopName,
                      "\(handle.loopName): \(text)", now: now)
        }
    }

    /// One page of a history pull: the statistics records of the asked kind in the time range,
    /// after the pull's last sequence.
    private func history(_ fetch: UplinkAction.HistoryFetch, _ handle: UplinkHandle) throws(DaemonFailure) -> UplinkBatch {
        guard let kind = UplinkFrameBuilder.periodKind(for: fetch.command) else {
            return UplinkBatch(after: fetch.afterSequence, through: fetch.afterSequence, messages: [], reachedEnd: true)
        }
        let inRange = try read { () throws(JournalError) in try journal.records(between: fetch.from...fetch.through) }
        let page = Array(inRange.filter { $0.sequence > fetch.afterSequence && $0.type == AgentRecordType.statistics }
            .prefix(fetch.limit))
        var messages: [UplinkMessage] = []
        do {
            messages = try handle.builder.historyMessages(kind: kind, records: page, resend: fetch.resend)
        } catch {
            log.write(.error, source: handle.loopName, "\(handle.loopName): history \(fetch.command): \(error)", now: clock.now())
        }
        return UplinkBatch(after: fetch.afterSequence, through: page.last?.sequence ?? fetch.afterSequence,
                           messages: messages, reachedEnd: page.count < fetch.limit)
    }

    /// The records' messages; one that cannot be built is logged and skipped (the cursor may
    /// pass it: it would fail the same way every time).
    private func messages(_ records: [JournalRecord], _ handle: UplinkHandle, resend: Bool) -> [UplinkMessage] {
        records.compactMap { record in
            do {
                return try handle.builder.message(for: record, resend: resend)
            } catch {
                log.write(.error, source: handle.loopName, "\(handle.loopName): record \(record.sequence) not sent: \(error)",
                          now: clock.now())
                return nil
            }
        }
    }

    /// CN 1014 (2025): the platform's new SM4 key replaces `sm4_key_file` (written atomically,
    /// mode 0600, as 32 hex digits) and is used from the next frame on. Refused without a key
    /// file configured (nowhere to keep it: the key must survive a restart) or for a key that is
    /// not 16 characters or 32 hex digits.
    private func storeKey(_ update: UplinkAction.KeyUpdate, _ handle: UplinkHandle) -> HJ212ExecutionReturn {
        guard let path = handle.config.sm4KeyFile else {
            log.always(.warning, "\(handle.loopName): the platform sent a new SM4 key (1014) but no sm4_key_file is configured: refused")
            return .conditionError
        }
        guard let key = Self.keyBytes(update.key), (try? LibcryptoSM4(key: key)) != nil else {
            log.always(.warning, "\(handle.loopName): the platform's new SM4 key (1014) is not 16 characters or 32 hex digits: refused")
            return .conditionError
        }
        do {
            try AtomicFile.write(Array((key.map { Hex.byte2($0) }.joined() + "\n").utf8), to: path, permissions: 0o600)
        } catch {
            log.always(.error, "\(handle.loopName): storing the platform's new SM4 key in \(path) failed: \(error)")
            return .failedUnknownReason
        }
        handle.channel.toUplink.post(.newKey(key))
        log.always(.info, "\(handle.loopName): new SM4 key from the platform (1014) stored in \(path)"
                   + (update.createdAt.map { ", created \($0)" } ?? ""))
        return .success
    }

    /// A 1014 `NewSK`: 16 characters taken as the key's bytes, or 32 hex digits.
    static func keyBytes(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        if bytes.count == 16 { return bytes }
        guard bytes.count == 32 else { return nil }
        var key: [UInt8] = []
        var index = 0
        while index < 32 {
            guard let byte = UInt8(String(decoding: bytes[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            key.append(byte)
            index += 2
        }
        return key
    }

    /// CN 1012. SystemTime has whole seconds, so a step under a second (or under the configured
    /// clock-step threshold) is the platform's rounding, not an error of ours: nothing is changed.
    private func setClock(_ setting: UplinkAction.ClockSetting, _ handle: UplinkHandle) -> HJ212ExecutionReturn {
        guard setting.stepMilliseconds.magnitude * 1_000_000 >= clockStepThresholdNanoseconds else {
            return .success
        }
        do {
            try WallClockSetter.set(milliseconds: setting.wallMilliseconds)
            log.always(.info, "\(handle.loopName): the platform set the clock by \(setting.stepMilliseconds) ms (1012)")
            return .success
        } catch {
            log.always(.error, "\(handle.loopName): the platform's set-time (1012) failed: \(error)")
            return .failedUnknownReason
        }
    }

    /// Steps smaller than this are rounding: a second (SystemTime's resolution) or the configured
    /// clock-step threshold, whichever is larger.
    private var clockStepThresholdNanoseconds: UInt64 { UInt64(max(1000, config.agent.clockStepMilliseconds)) * 1_000_000 }

    private func read<T>(_ body: () throws(JournalError) -> T) throws(DaemonFailure) -> T {
        do { return try body() } catch {
            throw DaemonFailure(description: "journal \(journalPath): read for an uplink failed: \(error)")
        }
    }
}
