import Wire

/// Platform history pulls: CN 2051 (minute), 2061 (hour), 2031 (day) with BeginTime/EndTime.
extension UplinkSession {
    /// Checks BeginTime ≤ EndTime, answers 9011 and starts reading; one pull at a time.
    mutating func startHistory(_ request: Request) {
        guard let begin = request.time("BeginTime"), let end = request.time("EndTime"), begin <= end else {
            execute(request, .conditionError, "BeginTime/EndTime missing, invalid or in the wrong order")
            return
        }
        guard history == nil else {
            execute(request, .busy, "a history pull is already running")
            return
        }
        replyRequest(request.qn, .ready)
        let offset = settings.utcOffsetMinutes
        history = HistoryPull(qn: request.qn, command: request.command,
                              from: SessionLocalTime.wallMilliseconds(begin, utcOffsetMinutes: offset),
                              through: SessionLocalTime.wallMilliseconds(end, utcOffsetMinutes: offset))
    }

    mutating func requestHistoryPage() {
        guard var pull = history, pull.page.isEmpty, !pull.awaitingRead, !pull.reachedEnd else { return }
        pull.awaitingRead = true
        history = pull
        emit(.fetchHistory(.init(qn: pull.qn.text17, command: pull.command, from: pull.from, through: pull.through,
                                 afterSequence: pull.afterSequence, limit: settings.fetchLimit,
                                 resend: settings.isEdition2025)))
    }

    /// A page of the pull: the messages of the asked CN within the asked times (anything else
    /// the daemon sent is dropped), at most `fetchLimit`.
    mutating func historyFetched(_ batch: UplinkBatch) {
        guard var pull = history, pull.awaitingRead, batch.after == pull.afterSequence else {
            log(.info, "uplink: history records after \(batch.after) arrived unasked; ignored")
            return
        }
        pull.awaitingRead = false
        var through = max(batch.through, batch.after)
        var page: [UplinkMessage] = []
        for message in batch.messages where message.sequence > batch.after && message.sequence <= through {
            if page.count == settings.fetchLimit {
                through = page[page.count - 1].sequence
                break
            }
            guard !message.segments.isEmpty, message.segments[0].header.command == pull.command,
                  (pull.from...pull.through).contains(message.timestampMilliseconds) else { continue }
            page.append(message)
        }
        pull.page = page
        pull.reachedEnd = through == batch.after || (batch.reachedEnd && through == max(batch.through, batch.after))
        pull.afterSequence = through
        history = pull
    }

    /// Sends history records while the paced window and the token bucket allow (before the backlog).
    mutating func pumpHistory() {
        while var pull = history, !pull.page.isEmpty, pacedSlotFree {
            let message = pull.page.removeFirst()
            history = pull
            sendFirstPart(of: message, lane: .history)
        }
    }

    /// When every record is read and acknowledged: 9012 with ExeRtn 1, or 100 when there was none.
    mutating func finishHistoryIfDone() {
        guard let pull = history, pull.reachedEnd, pull.page.isEmpty, !pull.awaitingRead,
              !inFlight.contains(where: { $0.lane == .history }) else { return }
        history = nil
        log(.info, "uplink: history CN \(pull.command.rawValue) QN \(pull.qn.text17): \(pull.delivered) record(s)")
        replyExecution(pull.qn, pull.delivered > 0 ? .success : .noData)
    }
}
