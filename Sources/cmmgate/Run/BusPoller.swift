import AgentCore
import DeviceIO
import FieldBus

/// Everything a poller needs, made before any thread starts.
struct BusPollerSetup: Sendable {
    /// The bus's position in `SiteConfig.buses` (the `bus` of every report).
    let index: Int
    let config: BusConfig
    /// The bus's planned requests (`AcquisitionPlan.requests(bus:)`).
    let requests: [PollRequest]
    /// Replaces a serial bus's configured device path (tests and the simulator pass a pty).
    let portOverride: String?
}

/// The body of one bus's `PollerThread` under `cmmgate run`: opens the bus's port, polls its
/// meters on the `PollSchedule` forever, and posts what happened to the main loop as
/// `BusReport`s through the mailbox. It never throws: every failure becomes a report.
///
/// - A request's results, good or bad (timeout, exception, bad frame), are `.polled`.
/// - A port that cannot be opened, or fails under a request (`.portFailure`, `.portVanished`;
///   for TCP also `.notConnected`), is one `.outage` naming the bus, the port and the error;
///   the poller closes it and tries again after `reopenPolicy`'s back-off (200 ms doubling to
///   5 s). The first open that works after an outage is `.restored` (for TCP: the first
///   request that reached the device over a new connection). The first open at start is not an
///   outage when it works.
/// - Idle (nothing due) or backing off, it sleeps at most `sliceMilliseconds` at a time and
///   posts `.alive` after each slice, so the liveness ledger sees progress and a stop request is
///   seen promptly. During a transaction the stop waits for it to end (at most the response
///   timeout times the attempts, or the connect timeout).
/// - With no requests it only posts `.alive` every slice until stopped.
enum BusPoller {
    /// Back-off between attempts to reopen a failed port or reconnect to an endpoint. No jitter:
    /// each bus is its own device, nothing reconnects in lock step with it.
    static let reopenPolicy = BackoffPolicy(initialMilliseconds: 200, factor: 2, capMilliseconds: 5_000, jitter: 0)
    /// The longest sleep between two stop checks and liveness reports.
    static let sliceMilliseconds = 250

    /// Runs until `mailbox.stopRequested`; never throws; every failure becomes a BusReport.
    static func run(_ setup: BusPollerSetup, mailbox: Mailbox<BusReport>) {
        var pacer = BusPollerPacer(bus: setup.index, mailbox: mailbox)
        guard !setup.requests.isEmpty else {
            pacer.idleUntilStop()
            return
        }
        switch setup.config.transport {
        case .serial(let serial):
            var session = SerialPollSession(setup, serial)
            poll(&session, setup.requests, &pacer)
        case .modbusTCP(let host, let port):
            var session = StreamPollSession(setup, host: host, port: port, framing: .modbusTCP)
            poll(&session, setup.requests, &pacer)
        case .rtuOverTCP(let host, let port):
            var session = StreamPollSession(setup, host: host, port: port, framing: .rtuOverTCP)
            poll(&session, setup.requests, &pacer)
        }
    }

    /// The loop both transports share: open when closed (backing off after failures), sleep in
    /// slices until the next request is due, poll it, report.
    static func poll<Session: BusPollSession>(_ session: inout Session, _ requests: [PollRequest],
                                              _ pacer: inout BusPollerPacer) {
        var backoff = ReconnectBackoff(policy: reopenPolicy, seed: UInt64(max(0, pacer.bus)))
        var schedule = PollSchedule(requests: requests, start: pacer.now())
        while !pacer.stopRequested {
            if !session.isOpen {
                do throws(BusOpenFailure) {
                    try session.open()
                    backoff.recordSuccess()
                    if session.isConnected { pacer.restored() }
                } catch {
                    pacer.outage("\(session.place): cannot open: \(error)")
                    guard pacer.wait(until: backoff.recordFailure(at: pacer.now())) else { return }
                }
                continue
            }
            guard let due = schedule.next()?.due else { return pacer.idleUntilStop() }
            if due > pacer.now() {
                pacer.idle(until: due)
                continue
            }
            do throws(FieldBusError) {
                guard let results = try session.pollNext(&schedule) else { return pacer.idleUntilStop() }
                if session.isConnected { pacer.restored() }
                pacer.polled(results)
            } catch {
                let retryAt = session.closeAfterFailure(&backoff, now: pacer.now())
                pacer.outage("\(session.place): \(error)")
                guard pacer.wait(until: retryAt) else { return }
            }
        }
    }
}

/// The poller thread's side of the mailbox: reports with the clock's readings, the outage
/// state (so an outage is reported once and a restore only after one), and sleeping in slices.
struct BusPollerPacer {
    let bus: Int
    let mailbox: Mailbox<BusReport>
    let clock = SystemClock()
    private(set) var inOutage = false

    init(bus: Int, mailbox: Mailbox<BusReport>) {
        self.bus = bus
        self.mailbox = mailbox
    }

    var stopRequested: Bool { mailbox.stopRequested }

    func now() -> MonotonicInstant { clock.now() }

    /// Posts `.outage` unless one is already reported.
    mutating func outage(_ reason: String) {
        guard !inOutage else { return }
        inOutage = true
        mailbox.post(.outage(bus: bus, reason: reason, monotonicNanoseconds: clock.now().nanoseconds,
                             wallNanoseconds: clock.wallTime().nanosecondsSinceEpoch))
    }

    /// Posts `.restored` when an outage was reported.
    mutating func restored() {
        guard inOutage else { return }
        inOutage = false
        mailbox.post(.restored(bus: bus, monotonicNanoseconds: clock.now().nanoseconds,
                               wallNanoseconds: clock.wallTime().nanosecondsSinceEpoch))
    }

    func polled(_ results: [PollResult]) {
        mailbox.post(.polled(bus: bus, results: results))
    }

    /// Sleeps until `deadline` but at most one slice, then posts `.alive`.
    func idle(until deadline: MonotonicInstant) {
        clock.sleep(until: min(deadline, clock.now().adding(milliseconds: BusPoller.sliceMilliseconds)))
        mailbox.post(.alive(bus: bus))
    }

    /// Sleeps until `deadline` in slices; false when a stop was requested before it.
    func wait(until deadline: MonotonicInstant) -> Bool {
        while !mailbox.stopRequested {
            if clock.now() >= deadline { return true }
            idle(until: deadline)
        }
        return false
    }

    /// Posts `.alive` every slice until a stop is requested.
    func idleUntilStop() {
        while !mailbox.stopRequested { idle(until: clock.now().adding(milliseconds: BusPoller.sliceMilliseconds)) }
    }
}
