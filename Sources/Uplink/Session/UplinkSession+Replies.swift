import Wire

/// The frames of the request flow (HJ 212-2017 §6.5, App. C): 9011 QnRtn, the field's data
/// upload, 9012 ExeRtn. They reuse the request's QN and need no acknowledgement (Flag A clear).
extension UplinkSession {
    /// 9011 with `QnRtn` (ST 91, system interaction).
    mutating func replyRequest(_ qn: HJ212Timestamp, _ result: HJ212RequestReturn) {
        sendUnacknowledged(reply(qn, system: .systemInteraction, command: .requestReply,
                                 fields: [.requestReturn(result)]))
    }

    /// 9012 with `ExeRtn` (ST 91).
    mutating func replyExecution(_ qn: HJ212Timestamp, _ result: HJ212ExecutionReturn) {
        sendUnacknowledged(reply(qn, system: .systemInteraction, command: .executionResult,
                                 fields: [.executionReturn(result)]))
    }

    /// The field's answer to a get request (1011 SystemTime, 1061 RtdInterval, 1063
    /// MinInterval): the request's CN and QN, the site's ST, one CP item per field.
    mutating func upload(_ qn: HJ212Timestamp, command: HJ212CommandCode, fields: [CPField]) {
        sendUnacknowledged(reply(qn, system: settings.systemCode, command: command, fields: fields))
    }

    func reply(_ qn: HJ212Timestamp, system: HJ212SystemCode, command: HJ212CommandCode,
               fields: [CPField]) -> HJ212DataSegment {
        let header = HJ212Header(qn: qn, system: system, command: command, pw: settings.password, mn: settings.mn,
                                 flag: settings.flag(ackRequired: false, split: false))
        return HJ212DataSegment(header: header, cp: CPDataArea(fields.map { CPDataArea.Item([$0]) }))
    }

    /// The local time now, as SystemTime writes it.
    var localTime: HJ212Timestamp {
        SessionLocalTime.timestamp(wallMilliseconds: now.wallMilliseconds, utcOffsetMinutes: settings.utcOffsetMinutes)
    }
}
