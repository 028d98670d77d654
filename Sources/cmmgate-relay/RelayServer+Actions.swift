import Glibc

extension RelayServer {
    /// Carries out a round's actions: every store in one transaction, then the writes. When the
    /// transaction fails nothing of the round is acknowledged (the gateways resend).
    func apply(_ work: [(RelayConnection, [RelayAction])], now: Int64) {
        guard work.contains(where: { !$0.1.isEmpty }) else { return }
        var writes: [(RelayConnection, [UInt8])] = []
        do throws(RelayError) {
            try store.begin()
            for (connection, actions) in work {
                for action in actions {
                    if let bytes = try perform(action, connection: connection, now: now) { writes.append((connection, bytes)) }
                }
            }
            try store.commit()
        } catch {
            store.rollback()
            Self.log("database: \(error); this round's frames are not acknowledged")
            writes.removeAll()
        }
        for (connection, bytes) in writes { connection.queue(bytes) }
    }

    /// Performs one action inside the round's transaction; returns bytes to write after the commit.
    private func perform(_ action: RelayAction, connection: RelayConnection, now: Int64) throws(RelayError) -> [UInt8]? {
        switch action {
        case .store(let upload, let ack):
            try storeUpload(upload, connection: connection, now: now)
            return ack
        case .send(let bytes):
            return bytes
        case .request(let sent):
            try store.recordRequest(sent)
            counters.requests += 1
            Self.log("\(connection.peer): site \(sent.mn): sent CN \(sent.command) QN \(sent.qn)")
            return sent.bytes
        case .requestAnswered(let mn, let qn, let command, let code):
            let known = try store.recordAnswer(mn: mn, qn: qn, command: command, returnCode: code, at: now)
            let name = command == 9011 ? "QnRtn" : "ExeRtn"
            Self.log("\(connection.peer): site \(mn): \(name)=\(code) for QN \(qn)\(known ? "" : " (no such request)")")
        case .reject(let reject):
            counters.rejected += 1
            if reject.log {
                Self.log("\(reject.peer): rejected (\(reject.reason)): \(reject.message): \(reject.excerpt)")
                try store.recordReject(reject, at: now)
            }
        case .log(let line):
            Self.log(line)
        }
        return nil
    }

    private func storeUpload(_ upload: RelayUpload, connection: RelayConnection, now: Int64) throws(RelayError) {
        planner.noteUpload(mn: upload.header.mn, realtimeSecond: upload.kind == .realtime ? upload.keyTime : nil,
                           resend: upload.header.resend, now: now)
        switch try store.store(upload) {
        case .stored:
            counters.stored += 1
            try noteHistoryGap(upload, now: now)
        case .duplicate(let conflicting):
            counters.duplicates += 1
            if conflicting {
                Self.log("\(connection.peer): site \(upload.header.mn): a resend of CN \(upload.command) DataTime "
                    + "\(upload.dataTime?.text14 ?? "-") differs from the stored frame; the first one is kept")
            }
        }
    }

    /// After a new period upload, notes the periods missing before it for a later pull.
    private func noteHistoryGap(_ upload: RelayUpload, now: Int64) throws(RelayError) {
        guard config.historyPull, upload.kind == .statistics, !upload.header.resend,
              let site = directory[upload.header.mn],
              let period = RelayUpload.periodSeconds(command: upload.command, minuteIntervalMinutes: site.minuteIntervalMinutes)
        else { return }
        let previous = try store.latestPeriodStart(mn: site.mn, command: upload.command, before: upload.keyTime)
        if let gap = planner.noteArrival(mn: site.mn, command: upload.command, start: upload.keyTime, previous: previous,
                                         period: period, now: now) {
            let offset = site.utcOffsetMinutes
            Self.log("site \(site.mn): CN \(upload.command) periods \(CivilTime.text(seconds: gap.begin, utcOffsetMinutes: offset))"
                + " … \(CivilTime.text(seconds: gap.end, utcOffsetMinutes: offset)) missing; pull due in "
                + "\(config.historyPullDelaySeconds) s unless they arrive")
        }
    }

    /// Pulls the history of due gaps that is still missing, from the connection serving the site.
    func pullDueHistory(now: Int64) {
        let due = planner.takeDue(now: now)
        guard !due.isEmpty else { return }
        var work: [(RelayConnection, [RelayAction])] = []
        for gap in due {
            guard let connection = connection(for: gap.mn) else {
                Self.log("site \(gap.mn): CN \(gap.command) pull not sent: the site is not connected (the report shows what is missing)")
                continue
            }
            let present: [Int64]
            do { present = try store.periodStarts(mn: gap.mn, command: gap.command, from: gap.begin, to: gap.end) } catch {
                Self.log("database: \(error)")
                continue
            }
            var actions: [RelayAction] = []
            for run in HistoryGapPlanner.missingRuns(begin: gap.begin, end: gap.end, period: gap.period, present: present) {
                if let sent = connection.session.historyPull(mn: gap.mn, command: gap.command, begin: run.lowerBound,
                                                             end: run.upperBound, now: now) {
                    actions.append(.request(sent))
                }
            }
            work.append((connection, actions))
        }
        apply(work, now: now)
    }
}
