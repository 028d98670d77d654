import Wire

/// The connection: connect, time out, back off, reconnect; the OverTime/ReCount timers; the
/// heartbeat.
extension UplinkSession {
    /// Runs the timers due at `now`: the reconnection, the connect timeout, overdue
    /// acknowledgements (resend or give up) and an unanswered execution.
    mutating func checkTimers() {
        let time = now.monotonicMilliseconds
        switch link {
        case .disconnected(let retryAt):
            if time >= retryAt ?? time {
                link = .connecting(since: time)
                emit(.connect)
            }
        case .connecting(let since):
            if time - since >= Int64(settings.connectTimeoutSeconds) * 1000 {
                linkDown("connecting took more than \(settings.connectTimeoutSeconds) s", close: true)
            }
        case .connected:
            expireFrames()
        }
        expireExecution()
    }

    mutating func didConnect() {
        switch link {
        case .connected:
            log(.warning, "uplink: connected again while connected; ignored")
            return
        case .disconnected, .connecting:
            break
        }
        link = .connected(since: now.monotonicMilliseconds)
        lastSentAt = now.monotonicMilliseconds
        liveThrough = nil
        backlog = BacklogLane(scanPosition: acknowledgedSequence)
        log(.info, "uplink: connected; delivery resumes after journal sequence \(acknowledgedSequence)")
    }

    mutating func didDisconnect(_ reason: String) {
        if case .disconnected = link { return }
        linkDown(reason, close: false)
    }

    /// The link is down: close it if asked, forget everything in flight or queued (none of it
    /// is settled, so the backlog lane sends it again after the next connection), and wait.
    mutating func linkDown(_ reason: String, close: Bool) {
        if close { emit(.close(reason: reason)) }
        let time = now.monotonicMilliseconds
        log(.warning, "uplink down: \(reason); reconnecting in \(backoffMilliseconds) ms")
        link = .disconnected(retryAt: time + backoffMilliseconds)
        backoffMilliseconds = min(backoffMilliseconds * 2, Int64(settings.reconnectCapSeconds) * 1000)
        inFlight.removeAll()
        liveQueue.removeAll()
        liveThrough = nil
        backlog = BacklogLane(scanPosition: acknowledgedSequence)
        if history != nil { log(.warning, "uplink: history pull abandoned with the connection") }
        history = nil
        pendingExecution?.replyWanted = false
    }

    /// Frames whose acknowledgement is overdue are resent (same segment, same QN) up to
    /// ReCount times; one overdue after that takes the link down.
    mutating func expireFrames() {
        let time = now.monotonicMilliseconds
        for index in inFlight.indices where inFlight[index].deadline <= time {
            if inFlight[index].resends >= settings.reCount {
                let frame = inFlight[index]
                linkDown("no acknowledgement of QN \(frame.qn) (CN \(frame.segment.header.cn)) after "
                    + "\(frame.resends + 1) tries of \(settings.overTimeSeconds) s", close: true)
                return
            }
            inFlight[index].resends += 1
            inFlight[index].deadline = time + Int64(settings.overTimeSeconds) * 1000
            emit(.send(inFlight[index].segment))
            lastSentAt = time
        }
    }

    /// An acknowledgement proved the connection: the next failure backs off from the start.
    mutating func connectionProved() {
        backoffMilliseconds = Int64(settings.reconnectInitialSeconds) * 1000
    }

    /// In the 2025 profile, a 9015 heartbeat (Flag A) once no frame has been written for
    /// `heartbeatSeconds`; it is acknowledged (9013) and timed like any upload.
    mutating func heartbeatIfIdle() {
        guard let seconds = settings.heartbeatSeconds, settings.isEdition2025,
              !inFlight.contains(where: { $0.lane == .heartbeat }),
              now.monotonicMilliseconds - lastSentAt >= Int64(seconds) * 1000 else { return }
        let header = HJ212Header(qn: nextQN(), system: settings.systemCode, command: .heartbeat,
                                 pw: settings.password, mn: settings.mn,
                                 flag: settings.flag(ackRequired: true, split: false))
        let segment = HJ212DataSegment(header: header, cp: CPDataArea())
        track(segment, lane: .heartbeat, message: nil, part: 0)
    }

    /// The next QN; it may follow a clock set back only when nothing awaits an acknowledgement.
    mutating func nextQN() -> HJ212Timestamp {
        qnSequencer.next(wallMilliseconds: now.wallMilliseconds, utcOffsetMinutes: settings.utcOffsetMinutes,
                         mayRebase: inFlight.isEmpty)
    }
}
