import Metering
import Wire

/// Segments from the platform: acknowledgements, and requests answered with the request flow.
extension UplinkSession {
    /// A request waiting for the daemon (`.setClock`, `.storeKey`) before its 9012.
    struct PendingExecution: Sendable, Equatable {
        var qn: HJ212Timestamp
        var command: HJ212CommandCode
        /// Monotonic ms after which the request is answered ExeRtn 2 without the daemon.
        var deadline: Int64
        /// The clock step to journal once `.setClock` succeeded.
        var clockStep: ClockStep?
        /// False once the connection the request came on is gone.
        var replyWanted = true
    }

    /// The checked parts of a request's CP area.
    struct Request {
        var qn: HJ212Timestamp
        var command: HJ212CommandCode
        var cp: CPDataArea

        func field(_ name: String) -> CPField? { cp.allFields.first { $0.name == name } }

        /// The integer of `name` (OverTime, ReCount, RtdInterval, MinInterval); nil when absent
        /// or not a plain integer.
        func integer(_ name: String) -> Int? {
            switch field(name) {
            case .overTime(let n)?, .reCount(let n)?, .realtimeInterval(let n)?, .minuteInterval(let n)?: return n
            default: return nil
            }
        }

        /// The time of `name` (BeginTime, EndTime, SystemTime); nil when absent or invalid.
        func time(_ name: String) -> HJ212Timestamp? {
            switch field(name) {
            case .beginTime(let t)?, .endTime(let t)?, .systemTime(let t)?: return t
            default: return nil
            }
        }
    }

    mutating func received(_ segment: HJ212DataSegment) {
        guard isConnected else {
            log(.info, "uplink: CN \(segment.header.cn) received while not connected; ignored")
            return
        }
        let command = segment.header.command
        if command == .dataReply || command == .notifyReply {
            acknowledgement(segment.header)
        } else if command == .requestReply || command == .executionResult {
            log(.info, "uplink: the platform sent CN \(segment.header.cn) (QN \(segment.header.qn ?? "none")); ignored")
        } else {
            request(segment)
        }
    }

    /// Checks the header (QN, MN, PW, CN: a failure is a 9011 with its QnRtn and nothing more)
    /// and carries the request out.
    mutating func request(_ segment: HJ212DataSegment) {
        let header = segment.header
        guard let qn = header.qnTime else {
            log(.warning, "uplink: request CN \(header.cn) without a valid QN; QnRtn 7")
            replyRequest(nextQN(), .qnError)
            return
        }
        let refusal: HJ212RequestReturn? = header.mn != settings.mn ? .mnError
            : header.pw != settings.password ? .passwordError
            : header.command == nil ? .cnError : nil
        if let refusal {
            log(.warning, "uplink: request CN \(header.cn) QN \(qn.text17) refused: \(refusal.meaning)")
            replyRequest(qn, refusal)
            return
        }
        guard let command = header.command else { return }
        let request = Request(qn: qn, command: command, cp: segment.cp)
        log(.info, "uplink: platform request CN \(command.rawValue) QN \(qn.text17)")
        switch command.rawValue {
        case 1000: setTimeouts(request)
        case 1011: reportTime(request)
        case 1012: setTime(request)
        case 1014 where settings.isEdition2025: updateKey(request)
        case 1061: report(request, .realtimeInterval(settings.realtimeIntervalSeconds))
        case 1062: setRealtimeInterval(request)
        case 1063: report(request, .minuteInterval(settings.minuteIntervalMinutes))
        case 1064: setMinuteInterval(request)
        case 1072: setPassword(request)
        case 2031, 2051, 2061: startHistory(request)
        default:
            let result: HJ212RequestReturn = command.name == nil ? .cnError : .rejected
            log(.warning, "uplink: request CN \(command.rawValue) not served; QnRtn \(result.rawValue)")
            replyRequest(qn, result)
        }
    }

    /// 9011 ready, then 9012 with `result` (and a log line when it is not success).
    mutating func execute(_ request: Request, _ result: HJ212ExecutionReturn, _ problem: String? = nil) {
        replyRequest(request.qn, .ready)
        if let problem { log(.warning, "uplink: request CN \(request.command.rawValue): \(problem)") }
        replyExecution(request.qn, result)
    }

    /// 1061 / 1063: 9011, the value under the request's CN, 9012.
    mutating func report(_ request: Request, _ field: CPField) {
        replyRequest(request.qn, .ready)
        upload(request.qn, command: request.command, fields: [field])
        replyExecution(request.qn, .success)
    }

    /// 1011: 9011, SystemTime (with the request's PolId, if any), 9012.
    mutating func reportTime(_ request: Request) {
        var fields: [CPField] = []
        if let polId = request.field("PolId") { fields.append(polId) }
        fields.append(.systemTime(localTime))
        replyRequest(request.qn, .ready)
        upload(request.qn, command: .getFieldTime, fields: fields)
        replyExecution(request.qn, .success)
    }

    /// 1000: OverTime and/or ReCount, each 1…99.
    mutating func setTimeouts(_ request: Request) {
        let overTime = request.integer("OverTime"), reCount = request.integer("ReCount")
        let hasOverTime = request.field("OverTime") != nil, hasReCount = request.field("ReCount") != nil
        guard hasOverTime || hasReCount, !hasOverTime || (1...99).contains(overTime ?? 0),
              !hasReCount || (1...99).contains(reCount ?? 0) else {
            execute(request, .conditionError, "OverTime/ReCount missing or outside 1…99")
            return
        }
        if let overTime { settings.overTimeSeconds = overTime }
        if let reCount { settings.reCount = reCount }
        execute(request, .success)
        emit(.settingsChanged(settings))
    }

    /// 1062: RtdInterval 1…3600 s (the methodology's 1 s is below HJ 212-2017's 30).
    mutating func setRealtimeInterval(_ request: Request) {
        guard let seconds = request.integer("RtdInterval"), (1...3600).contains(seconds) else {
            execute(request, .conditionError, "RtdInterval missing or outside 1…3600 s")
            return
        }
        settings.realtimeIntervalSeconds = seconds
        execute(request, .success)
        emit(.settingsChanged(settings))
    }

    /// 1064: MinInterval, one of the values §6.3.3 allows.
    mutating func setMinuteInterval(_ request: Request) {
        guard let minutes = request.integer("MinInterval"), UplinkSessionSettings.minuteIntervals.contains(minutes) else {
            execute(request, .conditionError, "MinInterval missing or not one of 1,2,3,4,5,6,10,12,15,20,30")
            return
        }
        settings.minuteIntervalMinutes = minutes
        execute(request, .success)
        emit(.settingsChanged(settings))
    }

    /// 1072: NewPW. The 9011/9012 still carry the old password (the request came with it);
    /// every frame after them carries the new one.
    mutating func setPassword(_ request: Request) {
        guard case .newPassword(let password)? = request.field("NewPW"), Self.isValidPassword(password) else {
            execute(request, .conditionError, "NewPW missing, empty, longer than 32 or with a separator")
            return
        }
        execute(request, .success)
        settings.password = password
        emit(.settingsChanged(settings))
    }

    /// 1 to 32 printable ASCII characters without the separators `; , & =`.
    static func isValidPassword(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (1...32).contains(bytes.count)
            && bytes.allSatisfy { (0x21...0x7E).contains($0) && ![0x3B, 0x2C, 0x26, 0x3D].contains($0) }
    }
}
