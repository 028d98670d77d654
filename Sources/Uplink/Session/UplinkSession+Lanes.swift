/// The live lane (records announced as journaled) and the backlog lane (the journal read from
/// the cursor, a page at a time).
extension UplinkSession {
    /// What a batch means for the session: messages to send, and ranges settled because their
    /// records have no message or are not uploaded (off the RtdInterval cadence). Messages a lane
    /// already holds, or settled ones, are neither. Messages outside the batch's range or out of
    /// order are dropped with a log line; at most `limit` are taken, and `through` is cut back
    /// to the last one taken when the limit bites.
    struct BatchPlan {
        var toSend: [UplinkMessage] = []
        var toSettle: [ClosedRange<UInt64>] = []
        var through: UInt64
        var truncated = false
    }

    func plan(_ batch: UplinkBatch, limit: Int) -> BatchPlan {
        var plan = BatchPlan(through: max(batch.through, batch.after))
        var next = batch.after &+ 1
        var taken = 0
        for message in batch.messages {
            guard message.sequence >= next, message.sequence <= plan.through else { continue }
            if taken == limit {
                plan.through = next &- 1
                plan.truncated = true
                break
            }
            taken += 1
            if message.sequence > next { plan.toSettle.append(next...(message.sequence - 1)) }
            next = message.sequence + 1
            if isSettled(message.sequence) || isHeld(message.sequence) { continue }
            if isUploaded(message) {
                plan.toSend.append(message)
            } else {
                plan.toSettle.append(message.sequence...message.sequence)
            }
        }
        if next <= plan.through { plan.toSettle.append(next...plan.through) }
        return plan
    }

    /// Newly journaled records. Taken whole by the live lane when the link is up, its queue has
    /// room and the settled ranges are within budget; otherwise left whole to the backlog lane,
    /// which reads again from before the batch. A batch that does not follow the previous one
    /// means records the session was not told of: the backlog lane reads those too.
    mutating func appended(_ batch: UplinkBatch) {
        defer { liveThrough = max(batch.through, batch.after) }
        guard isConnected else { return }
        if let liveThrough, batch.after > liveThrough { backlogMustRead(after: liveThrough) }
        let plan = plan(batch, limit: settings.liveQueueLimit)
        guard !plan.truncated, liveQueue.count + plan.toSend.count <= settings.liveQueueLimit,
              settled.count < Self.liveRangeBudget else {
            backlogMustRead(after: batch.after)
            log(.info, "uplink: records \(batch.after + 1)…\(batch.through) left to the backlog (live lane full)")
            return
        }
        for range in plan.toSettle { settle(range) }
        liveQueue.append(contentsOf: plan.toSend)
    }

    /// Records after `sequence` may need the backlog lane: rewind its scan there (never below
    /// the cursor) and read again.
    mutating func backlogMustRead(after sequence: UInt64) {
        backlog.scanPosition = max(acknowledgedSequence, min(backlog.scanPosition, sequence))
        backlog.drained = false
    }

    /// Asks for the next backlog page when the page is empty and no read is pending: at once,
    /// or, once the journal's end was reached, at the recheck time.
    mutating func requestBacklogPage() {
        guard backlog.page.isEmpty, !backlog.awaitingRead else { return }
        if backlog.drained, now.monotonicMilliseconds < backlog.recheckAt { return }
        backlog.awaitingRead = true
        emit(.fetch(.init(after: backlog.scanPosition, limit: settings.fetchLimit, resend: settings.isEdition2025)))
    }

    /// A backlog page. Taken only as the answer to the read pending for the current scan
    /// position (a stale answer is dropped and the read asked again).
    mutating func fetched(_ batch: UplinkBatch) {
        guard backlog.awaitingRead else {
            log(.info, "uplink: backlog records after \(batch.after) arrived unasked; ignored")
            return
        }
        backlog.awaitingRead = false
        guard isConnected, batch.after == backlog.scanPosition else { return }
        let plan = plan(batch, limit: settings.fetchLimit)
        for range in plan.toSettle { settle(range) }
        backlog.page = plan.toSend.filter { !isSettled($0.sequence) }
        backlog.scanPosition = max(backlog.scanPosition, plan.through)
        if (batch.reachedEnd && !plan.truncated) || plan.through == batch.after {
            backlog.drained = true
            backlog.recheckAt = now.monotonicMilliseconds + Int64(settings.backlogRecheckSeconds) * 1000
        }
    }

    /// Sends backlog messages while the paced window and the token bucket allow; messages
    /// settled or taken by the live lane since the page was read are skipped.
    mutating func pumpBacklog() {
        while let message = backlog.page.first, pacedSlotFree {
            backlog.page.removeFirst()
            if isSettled(message.sequence) || liveHolds(message.sequence) { continue }
            sendFirstPart(of: message, lane: .backlog)
        }
    }

    func liveHolds(_ sequence: UInt64) -> Bool {
        liveQueue.contains { $0.sequence == sequence }
            || inFlight.contains { $0.lane == .live && $0.message?.sequence == sequence }
    }
}
