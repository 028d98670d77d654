import Wire

/// The client side of one HJ 212 uplink as a pure state machine: the daemon feeds it events
/// (`UplinkEvent`) with both clock readings (`UplinkNow`), and does what the returned actions
/// (`UplinkAction`) say — connect, write a segment, read the journal, move the journal cursor,
/// set the clock. It reads no clock, does no I/O and holds a bounded amount of data.
///
/// **Delivery.** Every upload goes with Flag bit A and counts as delivered only when the
/// platform's 9014 with the same QN arrives (a 9014 with any other QN is ignored). Each frame
/// gets its own QN from `QNSequencer` (local time, strictly increasing even within one
/// millisecond); a split message sends its parts one after the other, each after the previous
/// part's 9014 (App. C.50). A frame not acknowledged within OverTime is resent as it was (same
/// QN) up to ReCount times; after that the link is down: `.close`, then `.connect` again after a
/// back-off that doubles from `reconnectInitialSeconds` up to `reconnectCapSeconds` and starts
/// over once a connection has had a frame acknowledged. CN 1000 changes OverTime/ReCount.
///
/// **The journal cursor is the truth.** The session starts from the consumer's acknowledged
/// sequence. A record is *settled* when all parts of its message are acknowledged, or when a
/// read showed it has no message (a record kind the uplink does not send, or a real-time record
/// off the `RtdInterval` cadence). `.acknowledgeJournal(through:)` moves the cursor over settled
/// records only, so it never passes one that is not delivered; settled records above the cursor
/// are kept as ranges (`SequenceRanges`). A restart or a reconnection resends everything after
/// the cursor that is not settled, so nothing is skipped, and nothing acknowledged is sent again
/// within a run.
///
/// **Two lanes: real-time first.** The *live* lane takes the records the daemon announces as it
/// journals them (`.appended`): up to `liveWindow` frames in flight and `liveQueueLimit` waiting,
/// not paced. The *backlog* lane reads the journal from the cursor (`.fetch(after:limit:)`, one
/// page of `fetchLimit` messages at a time: a pull, so the backlog stays in the journal, not in
/// memory), skips what the live lane holds or what is settled, and sends the rest with RF=1
/// (2025), paced by a token bucket (`backlogFramesPerSecond`) with up to `backlogWindow` frames
/// in flight. After an outage the backlog therefore drains while real-time keeps its cadence.
/// A live batch that does not fit (link down, queue full, too many settled ranges) is simply
/// left to the backlog lane, which is told to read again from before it.
///
/// **Platform requests** (any CN other than 9011–9014) get the request flow of HJ 212-2017
/// §6.5: header errors (QN, MN, PW, unknown or unsupported CN) a 9011 with the QnRtn code and no
/// more; otherwise 9011 QnRtn=1, the data (1011, 1061, 1063, history records), then 9012 with
/// ExeRtn (3 for a missing or out-of-range parameter, 5 when busy, 100 for a history pull that
/// found nothing). Replies reuse the request's QN. The 2025 heartbeat 9015 (Flag A, answered by
/// 9013) goes after `heartbeatSeconds` without any frame sent.
///
/// Memory: at most `liveWindow + backlogWindow + 1` frames in flight, `liveQueueLimit` live
/// messages queued, one backlog page and one history page of `fetchLimit` messages, and a
/// bounded number of settled ranges (docs/uplink.md, "Session").
public struct UplinkSession: Sendable {
    /// The connection as the session sees it.
    public enum LinkState: Sendable, Equatable {
        /// Down; `.connect` goes at `retryAt` (monotonic ms), or at the next event when nil.
        case disconnected(retryAt: Int64?)
        /// `.connect` went at `since`.
        case connecting(since: Int64)
        /// Up since `since`.
        case connected(since: Int64)
    }

    /// The current settings (the platform may have changed some).
    public internal(set) var settings: UplinkSessionSettings
    /// The journal cursor: every record up to here is settled.
    public internal(set) var acknowledgedSequence: UInt64
    public internal(set) var link: LinkState = .disconnected(retryAt: nil)

    /// The clock readings of the event being handled.
    var now = UplinkNow(monotonicMilliseconds: 0, wallMilliseconds: 0)
    /// Actions gathered while handling one event.
    var actions: [UplinkAction] = []
    /// The next reconnection delay, ms.
    var backoffMilliseconds: Int64
    var qnSequencer = QNSequencer()
    var inFlight: [InFlightFrame] = []
    var liveQueue: [UplinkMessage] = []
    /// The `through` of the last `.appended` batch, to notice one the session was not told of.
    var liveThrough: UInt64?
    var backlog: BacklogLane
    var settled = SequenceRanges()
    var pacing: PacingBucket
    var history: HistoryPull?
    var pendingExecution: PendingExecution?
    /// Monotonic ms of the last frame written (heartbeat idleness).
    var lastSentAt: Int64 = 0

    /// Live batches are refused while this many settled ranges are held, so the set stays small:
    /// refusing adds no range, and the backlog lane merges them as it catches up.
    static let liveRangeBudget = 128

    /// A session that resumes after `acknowledgedThrough`, the uplink consumer's cursor in the
    /// journal. It asks to connect at the first event.
    public init(settings: UplinkSessionSettings, acknowledgedThrough: UInt64) {
        let settings = settings.normalised
        self.settings = settings
        acknowledgedSequence = acknowledgedThrough
        backoffMilliseconds = Int64(settings.reconnectInitialSeconds) * 1000
        backlog = BacklogLane(scanPosition: acknowledgedThrough)
        pacing = PacingBucket(perSecond: settings.backlogFramesPerSecond)
    }

    /// Handles one event at `now` and returns the actions to take, in order.
    public mutating func handle(_ event: UplinkEvent, at now: UplinkNow) -> [UplinkAction] {
        self.now = now
        actions = []
        switch event {
        case .tick: break
        case .connected: didConnect()
        case .disconnected(let reason): didDisconnect(reason)
        case .received(let segment): received(segment)
        case .appended(let batch): appended(batch)
        case .fetched(let batch): fetched(batch)
        case .historyFetched(let batch): historyFetched(batch)
        case .executed(let qn, let result): executed(qn: qn, result: result)
        }
        checkTimers()
        pump()
        let result = actions
        actions = []
        return result
    }

    /// Frames awaiting an acknowledgement.
    public var framesInFlight: Int { inFlight.count }
    /// Messages held and not yet sent: live queue, backlog page, history page.
    public var messagesHeld: Int { liveQueue.count + backlog.page.count + (history?.page.count ?? 0) }
    /// Settled ranges held above the cursor.
    public var settledRanges: Int { settled.count }

    /// The monotonic millisecond by which the session wants a `.tick` (nil: only on events).
    public var nextWakeup: Int64? {
        switch link {
        case .disconnected(let retryAt): return retryAt ?? now.monotonicMilliseconds
        case .connecting(let since): return since + Int64(settings.connectTimeoutSeconds) * 1000
        case .connected: break
        }
        var candidates = inFlight.map(\.deadline)
        if let pendingExecution { candidates.append(pendingExecution.deadline) }
        if let heartbeat = settings.heartbeatSeconds, !inFlight.contains(where: { $0.lane == .heartbeat }) {
            candidates.append(lastSentAt + Int64(heartbeat) * 1000)
        }
        let pacedWaiting = !backlog.page.isEmpty || !(history?.page.isEmpty ?? true)
        if pacedWaiting, pacedInFlight < settings.backlogWindow {
            candidates.append(pacing.nextToken(after: now.monotonicMilliseconds))
        }
        if backlog.drained, backlog.page.isEmpty, !backlog.awaitingRead { candidates.append(backlog.recheckAt) }
        return candidates.min()
    }

    /// Frames of the paced lanes (backlog and history) in flight.
    var pacedInFlight: Int { inFlight.reduce(0) { $0 + ($1.isPaced ? 1 : 0) } }

    var isConnected: Bool {
        if case .connected = link { return true }
        return false
    }

    mutating func emit(_ action: UplinkAction) { actions.append(action) }

    mutating func log(_ level: UplinkAction.LogLevel, _ text: String) { actions.append(.log(level, text)) }
}
