import DeviceIO
import Glibc

/// `cmmgate-relay serve`: one poll(2) loop over the listening socket and every gateway
/// connection (no threads, no async runtime). Each round reads what arrived, lets each
/// connection's `RelaySession` decide, stores the round's uploads in one SQLite transaction and
/// only then writes their 9014 acknowledgements, so an acknowledged frame is committed. SIGTERM or
/// SIGINT stop it after the round (docs/relay.md "Serve").
final class RelayServer {
    /// Counters for the log line at exit (and tests that read it).
    struct Counters {
        var accepted = 0
        var refused = 0
        var stored = 0
        var duplicates = 0
        var rejected = 0
        var requests = 0
    }

    let config: RelayConfig
    let store: RelayStore
    let listener: ListeningSocket
    let directory: SiteDirectory
    var connections: [RelayConnection] = []
    var planner: HistoryGapPlanner
    var counters = Counters()

    init(config: RelayConfig, sites: [LoadedSite], store: RelayStore, listener: ListeningSocket) {
        self.config = config
        self.store = store
        self.listener = listener
        directory = SiteDirectory(sites.map(\.directoryEntry))
        planner = HistoryGapPlanner(delaySeconds: config.historyPullDelaySeconds)
    }

    /// Runs until SIGTERM or SIGINT.
    func run() {
        while true {
            let signals = SignalFlags.take()
            if signals.contains(.terminate) || signals.contains(.interrupt) {
                Self.log("stopping on \(signals.contains(.terminate) ? "SIGTERM" : "SIGINT")")
                break
            }
            round(timeout: pollTimeout())
        }
        for connection in connections { connection.flush() }
        connections.removeAll()
        Self.log("stopped: \(counters.accepted) connections accepted, \(counters.refused) refused, \(counters.stored) frames stored, "
            + "\(counters.duplicates) duplicates, \(counters.rejected) rejected, \(counters.requests) requests sent")
    }

    /// Milliseconds poll may wait: at most a second, less when a history pull is due sooner.
    private func pollTimeout() -> Int32 {
        guard let due = planner.nextDue else { return 1000 }
        return Int32(max(0, min(1000, due - HostClock.wallMilliseconds())))
    }

    /// One poll round: accept, read, decide, store, acknowledge, write, expire.
    func round(timeout: Int32) {
        var fds = [pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0)]
        for connection in connections {
            let events = Int16(POLLIN) | (connection.wantsWrite ? Int16(POLLOUT) : 0)
            fds.append(pollfd(fd: connection.fd, events: events, revents: 0))
        }
        let ready = poll(&fds, nfds_t(fds.count), timeout)
        if ready < 0 && errno != EINTR { Self.log("poll failed: \(String(cString: strerror(errno)))") }
        let now = HostClock.wallMilliseconds()
        let monotonic = HostClock.monotonicMilliseconds()
        var work: [(RelayConnection, [RelayAction])] = []
        for (index, connection) in connections.enumerated() where fds[index + 1].revents != 0 {
            let bytes = connection.readAvailable()
            guard !bytes.isEmpty else { continue }
            connection.lastActivity = monotonic
            work.append((connection, connection.session.receive(bytes, now: now)))
        }
        apply(work, now: now)
        pullDueHistory(now: now)
        if fds[0].revents & Int16(POLLIN) != 0 { acceptPending(now: monotonic) }
        for connection in connections { connection.flush() }
        expire(now: monotonic)
    }

    private func acceptPending(now: Int64) {
        while let (fd, peer) = listener.accept() {
            guard connections.count < config.maxConnections else {
                close(fd)
                counters.refused += 1
                if counters.refused <= 10 || counters.refused % 100 == 0 {
                    Self.log("\(peer): refused: \(connections.count) connections open, the limit is \(config.maxConnections) "
                        + "(\(counters.refused) refused so far)")
                }
                continue
            }
            counters.accepted += 1
            let session = RelaySession(peer: peer, sites: directory,
                                       settings: RelaySession.Settings(setTimeOnConnect: config.setTimeOnConnect))
            connections.append(RelayConnection(fd: fd, peer: peer, session: session, now: now))
        }
    }

    /// Closes connections that asked to close or were idle too long.
    private func expire(now: Int64) {
        let idleLimit = Int64(config.idleTimeoutSeconds) * 1000
        connections.removeAll { connection in
            if connection.closing == nil, now - connection.lastActivity > idleLimit {
                connection.closing = "idle for \(config.idleTimeoutSeconds) s"
            }
            guard let reason = connection.closing else { return false }
            let sites = connection.session.siteMNs.joined(separator: ",")
            Self.log("\(connection.peer)\(sites.isEmpty ? "" : " (\(sites))"): connection closed: \(reason); "
                + "\(connection.session.frameCount) frames, \(connection.session.rejectCount) rejected")
            return true
        }
    }

    /// The connection that most recently spoke for site `mn`.
    func connection(for mn: String) -> RelayConnection? {
        connections.last { $0.closing == nil && $0.session.siteMNs.contains(mn) }
    }

    /// One line on stderr.
    static func log(_ message: String) {
        StandardStreams.writeError("cmmgate-relay: \(message)\n")
    }
}
