import Wire

/// Sending with Flag bit A, matching acknowledgements by QN, and filling the lanes' windows.
extension UplinkSession {
    /// Fills the windows in priority order once the link is up: live messages, then the paced
    /// history pull and backlog, then the reads that refill their pages, then the heartbeat.
    mutating func pump() {
        guard isConnected else { return }
        while liveInFlight < settings.liveWindow, !liveQueue.isEmpty {
            let message = liveQueue.removeFirst()
            if isSettled(message.sequence) { continue }
            sendFirstPart(of: message, lane: .live)
        }
        pacing.refill(at: now.monotonicMilliseconds)
        pumpHistory()
        pumpBacklog()
        requestBacklogPage()
        requestHistoryPage()
        finishHistoryIfDone()
        heartbeatIfIdle()
    }

    var liveInFlight: Int { inFlight.reduce(0) { $0 + ($1.lane == .live ? 1 : 0) } }

    /// Whether the paced lanes may send one more frame now (window and token bucket).
    var pacedSlotFree: Bool { pacedInFlight < settings.backlogWindow && pacing.canSpend }

    /// Sends a message's first part on `lane` (paced lanes spend a token).
    mutating func sendFirstPart(of message: UplinkMessage, lane: InFlightFrame.Lane) {
        sendPart(0, of: message, lane: lane)
    }

    /// Gives part `part` of `message` its QN, Flag (A set, D as split), the current password and
    /// RF (2025, when not live), writes it and waits for its 9014.
    mutating func sendPart(_ part: Int, of message: UplinkMessage, lane: InFlightFrame.Lane) {
        var segment = message.segments[part]
        segment.header.qn = nextQN().text17
        segment.header.pw = settings.password
        segment.header.flag = settings.flag(ackRequired: true, split: segment.header.packetCount != nil)
        segment.header.resend = settings.isEdition2025 && lane != .live
        if lane == .backlog || lane == .history { pacing.spend() }
        track(segment, lane: lane, message: message, part: part)
    }

    /// Writes `segment` (its QN already set) and records it as awaiting an acknowledgement.
    mutating func track(_ segment: HJ212DataSegment, lane: InFlightFrame.Lane, message: UplinkMessage?, part: Int) {
        let time = now.monotonicMilliseconds
        emit(.send(segment))
        lastSentAt = time
        inFlight.append(InFlightFrame(lane: lane, message: message, part: part, segment: segment,
                                      qn: segment.header.qn ?? "",
                                      deadline: time + Int64(settings.overTimeSeconds) * 1000, resends: 0))
    }

    /// Writes a frame that needs no acknowledgement (request replies and their data).
    mutating func sendUnacknowledged(_ segment: HJ212DataSegment) {
        emit(.send(segment))
        lastSentAt = now.monotonicMilliseconds
    }

    /// A 9014 (or 9013) from the platform: the frame in flight with the same QN is delivered —
    /// its message's next part goes, or the whole message is done. Any other QN is ignored.
    mutating func acknowledgement(_ header: HJ212Header) {
        guard let qn = header.qn, let index = inFlight.firstIndex(where: { $0.qn == qn }) else {
            log(.info, "uplink: CN \(header.cn) with QN \(header.qn ?? "none") matches no frame awaiting one; ignored")
            return
        }
        connectionProved()
        let frame = inFlight.remove(at: index)
        guard let message = frame.message else { return }
        if frame.part + 1 < message.segments.count {
            sendPart(frame.part + 1, of: message, lane: frame.lane)
            return
        }
        switch frame.lane {
        case .live, .backlog: settle(message.sequence...message.sequence)
        case .history: history?.delivered += 1
        case .heartbeat: break
        }
    }

    /// Adds `range` (clipped to above the cursor) to the settled records and moves the cursor
    /// over what is now contiguous.
    mutating func settle(_ range: ClosedRange<UInt64>) {
        guard range.upperBound > acknowledgedSequence else { return }
        settled.insert(max(range.lowerBound, acknowledgedSequence + 1)...range.upperBound)
        let cursor = settled.advance(from: acknowledgedSequence)
        guard cursor > acknowledgedSequence else { return }
        acknowledgedSequence = cursor
        emit(.acknowledgeJournal(through: cursor))
        if !backlog.awaitingRead, backlog.scanPosition < cursor {
            backlog.scanPosition = cursor
            backlog.page.removeAll { $0.sequence <= cursor }
        }
    }

    func isSettled(_ sequence: UInt64) -> Bool {
        sequence <= acknowledgedSequence || settled.contains(sequence)
    }

    /// Whether a lane already holds `sequence` (queued, in a page, or in flight).
    func isHeld(_ sequence: UInt64) -> Bool {
        liveQueue.contains { $0.sequence == sequence }
            || backlog.page.contains { $0.sequence == sequence }
            || inFlight.contains { ($0.lane == .live || $0.lane == .backlog) && $0.message?.sequence == sequence }
    }

    /// Whether a message is sent at all: real-time records only on the `RtdInterval` cadence
    /// (their local second a multiple of it, as the frame builder decides), and never a message
    /// without segments.
    func isUploaded(_ message: UplinkMessage) -> Bool {
        guard !message.segments.isEmpty else { return false }
        let interval = Int64(settings.realtimeIntervalSeconds)
        guard message.isRealtime, interval > 1 else { return true }
        let milliseconds = message.timestampMilliseconds &+ Int64(settings.utcOffsetMinutes) * 60_000
        let second = milliseconds / 1000 - (milliseconds % 1000 < 0 ? 1 : 0)
        let remainder = second % interval
        return remainder == 0
    }
}
