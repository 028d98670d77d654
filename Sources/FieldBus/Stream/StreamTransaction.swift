/// One request and its reply over a TCP byte stream (Modbus TCP, RTU over TCP), as a pure state
/// machine: events and `now` in, one action out. `StreamBusRunner` performs the actions.
///
/// - Not connected: connect, unless the back-off forbids an attempt yet (then `.notConnected`
///   at once, saying when the next attempt may start: a dead PLC never stalls the poll loop).
///   A failed connect or a connection lost mid-transaction records a failure in the back-off.
/// - Connected: write the request and read until the reply is framed or the response timeout.
///   Modbus TCP keeps the connection after a timeout (transaction ids tell a late reply from
///   ours); RTU over TCP has no ids, so `closeAfterTimeout` closes it and retries on a fresh one.
public struct StreamTransaction<Matcher: ReplyMatcher>: Sendable {
    public enum Action: Sendable, Equatable {
        case connect(until: MonotonicInstant)
        case write([UInt8])
        /// Read what arrives until `until`; report `.received` (empty at the deadline).
        case read(until: MonotonicInstant)
        case close
        case finished
    }

    public enum Event: Sendable, Equatable {
        case start(connected: Bool)
        case done
        case received([UInt8])
        /// The last action threw; the text is the stream's error.
        case failed(String)
    }

    enum Phase: Sendable, Equatable {
        case idle, connecting, writing
        case listening(since: MonotonicInstant, deadline: MonotonicInstant)
        case closing(retry: Bool)
        case closingBeforeFinish
        case finished
    }

    public let settings: StreamMasterSettings
    public let closeAfterTimeout: Bool
    /// Close once the transaction ends if the decoder had to skip bytes: on a TCP stream, which
    /// loses nothing, that means the peer is out of step (Modbus TCP); not for RTU over TCP,
    /// where foreign frames from the serial side are normal.
    public let closeAfterDesync: Bool
    public private(set) var matcher: Matcher
    public private(set) var backoff: ReconnectBackoff
    public private(set) var outcome: SerialOutcome<Matcher.Reply>?
    public private(set) var report = TransactionReport()
    private var phase: Phase = .idle
    private var pendingFailure: FieldBusError?
    private var deferredOutcome: SerialOutcome<Matcher.Reply>?

    public init(matcher: Matcher, settings: StreamMasterSettings, backoff: ReconnectBackoff, closeAfterTimeout: Bool,
                closeAfterDesync: Bool = false) {
        self.matcher = matcher
        self.settings = settings
        self.backoff = backoff
        self.closeAfterTimeout = closeAfterTimeout
        self.closeAfterDesync = closeAfterDesync
    }

    public mutating func handle(_ event: Event, now: MonotonicInstant) -> Action {
        switch (phase, event) {
        case (.idle, .start(let connected)):
            report.startedAt = now
            if connected { return beginAttempt(now: now) }
            return connect(now: now)
        case (.connecting, .done):
            backoff.recordSuccess()
            return beginAttempt(now: now)
        case (.connecting, .failed(let cause)):
            let next = backoff.recordFailure(at: now)
            return finish(.failed(FieldBusError(
                .notConnected, "\(settings.busName): connect failed (\(backoff.consecutiveFailures) in a row); next attempt in \(next.milliseconds(since: now)) ms",
                cause: cause)), now: now)
        case (.writing, .done):
            let deadline = now.adding(milliseconds: settings.responseTimeoutMilliseconds)
            phase = .listening(since: now, deadline: deadline)
            return .read(until: deadline)
        case (.writing, .failed(let cause)), (.listening, .failed(let cause)):
            backoff.recordFailure(at: now)
            let step = phase == .writing ? "write" : "read"
            pendingFailure = FieldBusError(.portFailure, "\(settings.busName): connection lost during \(step) of \(matcher.requestSummary)", cause: cause)
            phase = .closing(retry: false)
            return .close
        case (.listening(let since, let deadline), .received(let bytes)):
            return listen(bytes, since: since, deadline: deadline, now: now)
        case (.closingBeforeFinish, _):
            return finish(deferredOutcome ?? .failed(timeoutError(waited: 0)), now: now)
        case (.closing(let retry), .done), (.closing(let retry), .failed):
            guard retry else { return finish(.failed(pendingFailure ?? timeoutError(waited: 0)), now: now) }
            matcher.resetForRetry()
            phase = .connecting
            return .connect(until: now.adding(milliseconds: settings.connectTimeoutMilliseconds))
        default:
            return finish(.failed(FieldBusError(
                .configuration, "\(settings.busName): stream transaction got \(event) while in \(phase) (runner bug)")), now: now)
        }
    }

    private mutating func connect(now: MonotonicInstant) -> Action {
        guard backoff.mayAttempt(at: now) else {
            return finish(.failed(FieldBusError(
                .notConnected, "\(settings.busName): not connected after \(backoff.consecutiveFailures) failed attempts; next attempt in \(backoff.notBefore.milliseconds(since: now)) ms")), now: now)
        }
        phase = .connecting
        return .connect(until: now.adding(milliseconds: settings.connectTimeoutMilliseconds))
    }

    private mutating func beginAttempt(now: MonotonicInstant) -> Action {
        report.attempts += 1
        report.requestStartedAt = now
        phase = .writing
        return .write(matcher.requestBytes)
    }

    private mutating func listen(_ bytes: [UInt8], since: MonotonicInstant, deadline: MonotonicInstant,
                                 now: MonotonicInstant) -> Action {
        if !bytes.isEmpty {
            switch matcher.receive(bytes) {
            case .reply(let reply): return finish(.reply(reply, at: now), now: now)
            case .refused(let error): return finish(.failed(error.context(settings.busName)), now: now)
            case .pending: break
            }
        }
        guard now >= deadline else { return .read(until: deadline) }
        let error = timeoutError(waited: now.milliseconds(since: since))
        report.failures.append(error)
        let retry = report.attempts <= settings.retries
        if closeAfterTimeout {
            pendingFailure = error
            phase = .closing(retry: retry)
            return .close
        }
        guard retry else { return finish(.failed(error), now: now) }
        return beginAttempt(now: now)
    }

    private func timeoutError(waited: Int) -> FieldBusError {
        let seen = matcher.diagnostics.bytesSeen
        if !seen.isEmpty, matcher.diagnostics.discards > 0 {
            return FieldBusError(.badFrame, "\(settings.busName): no valid reply to \(matcher.requestSummary) within \(waited) ms" + (matcher.diagnostics.firstReasonThisAttempt.map { " (first problem: \($0))" } ?? ""),
                                 waitedMilliseconds: waited, bytesSeen: seen)
        }
        return FieldBusError(.timeout, "\(settings.busName): no reply to \(matcher.requestSummary) within \(waited) ms",
                             waitedMilliseconds: waited)
    }

    private mutating func finish(_ result: SerialOutcome<Matcher.Reply>, now: MonotonicInstant) -> Action {
        if closeAfterDesync, matcher.diagnostics.discards > 0, case .listening = phase {
            deferredOutcome = result
            phase = .closingBeforeFinish
            return .close
        }
        outcome = result
        report.finishedAt = now
        report.diagnostics = matcher.diagnostics
        phase = .finished
        return .finished
    }
}
