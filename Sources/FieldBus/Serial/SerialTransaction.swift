import Wire

/// How a serial transaction ended.
public enum SerialOutcome<Reply: Sendable>: Sendable {
    /// The awaited reply, fully received at `at`.
    case reply(Reply, at: MonotonicInstant)
    /// A broadcast was sent and the turnaround delay waited out (nothing answers a broadcast).
    case broadcastSent(at: MonotonicInstant)
    /// The transaction failed after its attempts (or at once for an exception).
    case failed(FieldBusError)
}

/// One request and its reply on a half-duplex serial bus, as a pure state machine: events and
/// `now` in, one action out; it never reads a clock and never does IO (the shape of swift-nio's
/// state machines). `SerialBusRunner` performs the actions against the ports.
///
/// The sequence (Modbus over Serial Line V1.02 §2.5.1.1 and §3.3.1; DL/T 645 uses the same):
/// 1. **Silence**: listen until the bus has been quiet for t3.5 since the last activity seen
///    (our last byte, a reply, a foreign frame, noise). Bytes heard meanwhile are noise: they are
///    dropped and restart the t3.5 count (resynchronisation; late replies of an earlier attempt
///    go the same way). If the bus never falls silent within `maximumSilenceWait`: `.busBusy`.
/// 2. **Transmit**: manual direction: assert → (setup) → write → drain → sleep until drain +
///    one character + guard (`TurnaroundPlan.releaseInstant`) → (flush echo) → release.
///    Automatic direction: write → drain.
/// 3. **Listen** until the reply is framed or the deadline passes (response timeout + wire time
///    of the expected reply). Foreign frames and echo are skipped by the matcher. An exception
///    ends the transaction at once; a timeout or bad frame starts the next attempt at step 1.
///    A broadcast listens for the turnaround delay (anything heard is noise) and succeeds.
public struct SerialTransaction<Matcher: ReplyMatcher>: Sendable {
    /// What the runner must do next.
    public enum Action: Sendable, Equatable {
        /// Read whatever arrives until `until` (at least once, even when it has passed); report `.received`.
        case listen(until: MonotonicInstant)
        case assertTransmit
        case write([UInt8])
        case drain
        case sleep(until: MonotonicInstant)
        /// Flush received, unread input (our echo while we held the line).
        case discardInput
        case releaseTransmit
        /// Done: read `outcome` and `report`.
        case finished
    }

    /// What happened since the last action.
    public enum Event: Sendable, Equatable {
        /// Begin the transaction.
        case start
        /// The last action (other than `listen`) completed.
        case done
        /// `listen` returned these bytes (empty when the deadline passed with nothing).
        case received([UInt8])
    }

    enum Phase: Sendable, Equatable {
        case idle, awaitingSilence(since: MonotonicInstant), asserting, settingUp, writing, draining
        case holding, discardingEcho, releasing
        case listening(since: MonotonicInstant, deadline: MonotonicInstant)
        case broadcastWait(until: MonotonicInstant)
        case finished
    }

    public let plan: TurnaroundPlan
    public let settings: SerialMasterSettings
    public private(set) var matcher: Matcher
    public private(set) var outcome: SerialOutcome<Matcher.Reply>?
    public private(set) var report: TransactionReport
    /// When the last byte was seen on the wire (either direction); carry it to the next transaction.
    public private(set) var lastBusActivity: MonotonicInstant
    private var phase: Phase = .idle
    private var bytesThisAttempt = 0

    /// `lastBusActivity` is the runner's record of the last wire activity before this transaction.
    public init(matcher: Matcher, plan: TurnaroundPlan, settings: SerialMasterSettings,
                lastBusActivity: MonotonicInstant) {
        self.matcher = matcher
        self.plan = plan
        self.settings = settings
        self.lastBusActivity = lastBusActivity
        self.report = TransactionReport()
    }

    /// Feeds `event` observed at `now`; returns the next action.
    public mutating func handle(_ event: Event, now: MonotonicInstant) -> Action {
        switch (phase, event) {
        case (.idle, .start):
            report.startedAt = now
            phase = .awaitingSilence(since: now)
            return .listen(until: max(now, plan.earliestRequest(afterActivityAt: lastBusActivity)))
        case (.awaitingSilence(let since), .received(let bytes)):
            return awaitSilence(since: since, bytes, now: now)
        case (.asserting, .done):
            guard plan.assertSetupMicroseconds > 0 else { return write(now: now) }
            phase = .settingUp
            return .sleep(until: now.adding(microseconds: plan.assertSetupMicroseconds))
        case (.settingUp, .done):
            return write(now: now)
        case (.writing, .done):
            phase = .draining
            return .drain
        case (.draining, .done):
            lastBusActivity = plan.lastCharacterEnd(drainedAt: now)
            report.requestEndedAt = lastBusActivity
            guard !plan.isAutomatic else { return startListening(now: now) }
            phase = .holding
            return .sleep(until: plan.releaseInstant(drainedAt: now))
        case (.holding, .done):
            phase = settings.discardEcho ? .discardingEcho : .releasing
            return settings.discardEcho ? .discardInput : .releaseTransmit
        case (.discardingEcho, .done):
            phase = .releasing
            return .releaseTransmit
        case (.releasing, .done):
            return startListening(now: now)
        case (.listening(let since, let deadline), .received(let bytes)):
            return listen(bytes, since: since, deadline: deadline, now: now)
        case (.broadcastWait(let until), .received(let bytes)):
            if !bytes.isEmpty {
                lastBusActivity = now
                report.noiseBytes += bytes.count
                _ = matcher.receive(bytes)
            }
            guard now >= until else { return .listen(until: until) }
            return finish(.broadcastSent(at: now), now: now)
        default:
            return finish(.failed(FieldBusError(
                .configuration, "\(settings.busName): transaction got \(event) while in \(phase) (runner bug)")), now: now)
        }
    }

    private mutating func awaitSilence(since: MonotonicInstant, _ bytes: [UInt8], now: MonotonicInstant) -> Action {
        if !bytes.isEmpty {
            lastBusActivity = now
            report.noiseBytes += bytes.count
            if now.milliseconds(since: since) > settings.maximumSilenceWaitMilliseconds {
                return finish(.failed(FieldBusError(
                    .busBusy, "\(settings.busName): the bus was never silent for t3.5 within \(settings.maximumSilenceWaitMilliseconds) ms before \(matcher.requestSummary)",
                    waitedMilliseconds: now.milliseconds(since: since))), now: now)
            }
        }
        let earliest = plan.earliestRequest(afterActivityAt: lastBusActivity)
        guard now >= earliest else { return .listen(until: earliest) }
        report.attempts += 1
        bytesThisAttempt = 0
        report.requestStartedAt = now
        guard plan.isAutomatic else {
            phase = .asserting
            return .assertTransmit
        }
        return write(now: now)
    }

    private mutating func write(now: MonotonicInstant) -> Action {
        phase = .writing
        return .write(matcher.requestBytes)
    }

    private mutating func startListening(now: MonotonicInstant) -> Action {
        guard matcher.expectsReply else {
            let until = now.adding(milliseconds: settings.broadcastTurnaroundMilliseconds)
            phase = .broadcastWait(until: until)
            return .listen(until: until)
        }
        let replyWire = plan.timing.frameMicroseconds(byteCount: matcher.expectedReplyLength)
        let deadline = now.adding(milliseconds: settings.responseTimeoutMilliseconds)
            .adding(microseconds: RTUTiming.ceilingMicroseconds(replyWire))
        phase = .listening(since: now, deadline: deadline)
        return .listen(until: deadline)
    }

    private mutating func listen(_ bytes: [UInt8], since: MonotonicInstant, deadline: MonotonicInstant,
                                 now: MonotonicInstant) -> Action {
        if !bytes.isEmpty {
            lastBusActivity = now
            bytesThisAttempt += bytes.count
            switch matcher.receive(bytes) {
            case .reply(let reply): return finish(.reply(reply, at: now), now: now)
            case .refused(let error): return finish(.failed(error.context(settings.busName)), now: now)
            case .pending: break
            }
        }
        if now >= deadline || badFrameIsOver(now: now) {
            return attemptFailed(waited: now.milliseconds(since: since), now: now)
        }
        // Enough bytes for a reply arrived but none framed: listen only until the bus has been
        // quiet for `badFrameSilence`, then give up on this attempt instead of the full timeout.
        guard bytesThisAttempt >= matcher.expectedReplyLength, settings.badFrameSilenceMilliseconds > 0 else {
            return .listen(until: deadline)
        }
        return .listen(until: min(deadline, lastBusActivity.adding(milliseconds: settings.badFrameSilenceMilliseconds)))
    }

    /// A whole reply's worth of bytes came, none framed, and the bus has been quiet since.
    private func badFrameIsOver(now: MonotonicInstant) -> Bool {
        settings.badFrameSilenceMilliseconds > 0 && bytesThisAttempt >= matcher.expectedReplyLength
            && now >= lastBusActivity.adding(milliseconds: settings.badFrameSilenceMilliseconds)
    }

    private mutating func attemptFailed(waited: Int, now: MonotonicInstant) -> Action {
        let diagnostics = matcher.diagnostics
        let error: FieldBusError
        if bytesThisAttempt > 0 {
            error = FieldBusError(
                .badFrame, "\(settings.busName): no valid reply to \(matcher.requestSummary) within \(waited) ms: \(bytesThisAttempt) bytes received" + (diagnostics.firstReasonThisAttempt.map { " (first problem: \($0))" } ?? ""),
                waitedMilliseconds: waited, bytesSeen: Array(diagnostics.bytesSeen.suffix(bytesThisAttempt)))
        } else {
            error = FieldBusError(.timeout, "\(settings.busName): no reply to \(matcher.requestSummary) within \(waited) ms",
                                  waitedMilliseconds: waited)
        }
        report.failures.append(error)
        guard report.attempts <= settings.retries else { return finish(.failed(error), now: now) }
        matcher.resetForRetry()
        phase = .awaitingSilence(since: now)
        return .listen(until: max(now, plan.earliestRequest(afterActivityAt: lastBusActivity)))
    }

    private mutating func finish(_ result: SerialOutcome<Matcher.Reply>, now: MonotonicInstant) -> Action {
        outcome = result
        report.finishedAt = now
        report.diagnostics = matcher.diagnostics
        phase = .finished
        return .finished
    }
}

/// What happened during one transaction, besides its outcome (for statistics and logs).
public struct TransactionReport: Sendable, Equatable {
    /// Requests sent (1 + retries used).
    public var attempts = 0
    /// Bytes heard while waiting for silence before a request, or after a broadcast.
    public var noiseBytes = 0
    /// The matcher's counters: discards with reasons, echoes, foreign frames.
    public var diagnostics = MatchDiagnostics()
    /// Each failed attempt's error, in order.
    public var failures: [FieldBusError] = []
    public var startedAt: MonotonicInstant?
    /// When the last request started (line asserted or first byte queued).
    public var requestStartedAt: MonotonicInstant?
    /// When the last request's last character left the wire.
    public var requestEndedAt: MonotonicInstant?
    public var finishedAt: MonotonicInstant?

    public init() {}
}
