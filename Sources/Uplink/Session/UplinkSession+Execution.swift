import Metering
import Wire

/// Requests the daemon carries out before their 9012: 1012 set time and the 2025 key update 1014.
extension UplinkSession {
    /// 1012: SystemTime (local) becomes `.setClock`; the 9012 waits for `.executed`, and the step
    /// is journaled once the clock was set.
    mutating func setTime(_ request: Request) {
        guard let time = request.time("SystemTime") else {
            execute(request, .conditionError, "SystemTime missing or not a valid YYYYMMDDhhmmss time")
            return
        }
        guard pendingExecution == nil else {
            execute(request, .busy, "another request is still being carried out")
            return
        }
        replyRequest(request.qn, .ready)
        let target = SessionLocalTime.wallMilliseconds(time, utcOffsetMinutes: settings.utcOffsetMinutes)
        let step = target - now.wallMilliseconds
        let clockStep = ClockStep(from: now.wallMilliseconds &* 1_000_000, to: target &* 1_000_000,
                                  deltaNanoseconds: step &* 1_000_000)
        awaitExecution(request, clockStep: clockStep)
        emit(.setClock(.init(qn: request.qn.text17, systemTime: time, wallMilliseconds: target, stepMilliseconds: step)))
    }

    /// 1014 (2025): `NewSK` (with `SKCreateTime`) becomes `.storeKey`; the 9012 waits for
    /// `.executed`.
    mutating func updateKey(_ request: Request) {
        guard let key = request.field("NewSK")?.value, !key.isEmpty else {
            execute(request, .conditionError, "NewSK missing or empty")
            return
        }
        guard pendingExecution == nil else {
            execute(request, .busy, "another request is still being carried out")
            return
        }
        replyRequest(request.qn, .ready)
        awaitExecution(request, clockStep: nil)
        emit(.storeKey(.init(qn: request.qn.text17, key: key, createdAt: request.field("SKCreateTime")?.value)))
    }

    mutating func awaitExecution(_ request: Request, clockStep: ClockStep?) {
        pendingExecution = PendingExecution(qn: request.qn, command: request.command,
                                            deadline: now.monotonicMilliseconds + Int64(settings.overTimeSeconds) * 1000,
                                            clockStep: clockStep)
    }

    /// The daemon's result for the pending request: journal a clock step that was applied, and
    /// send the 9012 if the request's connection is still up.
    mutating func executed(qn: String, result: HJ212ExecutionReturn) {
        guard let pending = pendingExecution, pending.qn.text17 == qn else {
            log(.info, "uplink: result for request QN \(qn) that is not pending; ignored")
            return
        }
        pendingExecution = nil
        if result == .success, let step = pending.clockStep { emit(.journalEvent(.clockStepped(step))) }
        if result != .success {
            log(.warning, "uplink: request CN \(pending.command.rawValue) QN \(qn) failed: \(result.meaning)")
        }
        if pending.replyWanted, isConnected { replyExecution(pending.qn, result) }
    }

    /// A request the daemon has not answered within OverTime fails (ExeRtn 2).
    mutating func expireExecution() {
        guard let pending = pendingExecution, now.monotonicMilliseconds >= pending.deadline else { return }
        pendingExecution = nil
        log(.warning, "uplink: request CN \(pending.command.rawValue) QN \(pending.qn.text17) not carried out "
            + "within \(settings.overTimeSeconds) s")
        if pending.replyWanted, isConnected { replyExecution(pending.qn, .failedUnknownReason) }
    }
}
