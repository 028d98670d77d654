import Wire

/// Frames the relay itself sends to a gateway: the 9014 data reply and the 9013 notify reply
/// (same QN as the frame answered, ST=91, HJ 212-2017 App. C), and its own requests (1012 set
/// time, 2051/2061/2031 history pulls) with fresh QNs: local time of `now` at the site's offset,
/// advanced by a millisecond when two requests would share one.
struct RelayRequestBuilder: Sendable {
    /// A request the relay sent, for the `requests` table.
    struct Sent: Sendable, Equatable {
        var mn: String
        var command: Int
        var qn: String
        var sentAtMilliseconds: Int64
        var beginTime: Int64?
        var endTime: Int64?
        var bytes: [UInt8]
    }

    private var lastQNMilliseconds: Int64 = .min

    /// `CN=9014` (data reply) or `CN=9013` (notify reply) to the frame with `header`.
    static func reply(command: HJ212CommandCode, to header: HJ212Header, site: SiteDirectory.Entry) -> [UInt8]? {
        guard let qn = header.qn else { return nil }
        let reply = HJ212Header(qn: qn, st: "91", cn: CivilTime.pad(command.rawValue, 4), pw: site.password,
                                mn: site.mn, flag: site.flag(ack: false))
        return try? HJ212Frame.encode(HJ212DataSegment(header: reply, cp: CPDataArea()))
    }

    /// `CN=1012` with `SystemTime` = now at the site (ack required: the gateway answers 9011/9012).
    mutating func setTime(site: SiteDirectory.Entry, st: String, nowMilliseconds: Int64) -> Sent? {
        let now = CivilTime.timestamp(milliseconds: nowMilliseconds, utcOffsetMinutes: site.utcOffsetMinutes)
        var systemTime = now
        systemTime.millisecond = 0
        let cp = CPDataArea([CPDataArea.Item([.systemTime(systemTime)])])
        return request(.setFieldTime, cp: cp, site: site, st: st, nowMilliseconds: nowMilliseconds)
    }

    /// A history pull: `command` (2051/2061/2031) with BeginTime/EndTime the first and last period
    /// starts wanted (UTC epoch s), written in the site's local time.
    mutating func historyPull(command: HJ212CommandCode, begin: Int64, end: Int64, site: SiteDirectory.Entry, st: String,
                              nowMilliseconds: Int64) -> Sent? {
        let offset = site.utcOffsetMinutes
        let cp = CPDataArea([CPDataArea.Item([.beginTime(CivilTime.timestamp(seconds: begin, utcOffsetMinutes: offset))]),
                             CPDataArea.Item([.endTime(CivilTime.timestamp(seconds: end, utcOffsetMinutes: offset))])])
        guard var sent = request(command, cp: cp, site: site, st: st, nowMilliseconds: nowMilliseconds) else { return nil }
        sent.beginTime = begin
        sent.endTime = end
        return sent
    }

    private mutating func request(_ command: HJ212CommandCode, cp: CPDataArea, site: SiteDirectory.Entry, st: String,
                                  nowMilliseconds: Int64) -> Sent? {
        let qnMilliseconds = max(nowMilliseconds, lastQNMilliseconds &+ 1)
        lastQNMilliseconds = qnMilliseconds
        let qn = CivilTime.timestamp(milliseconds: qnMilliseconds, utcOffsetMinutes: site.utcOffsetMinutes)
        let header = HJ212Header(qn: qn.text17, st: st, cn: CivilTime.pad(command.rawValue, 4), pw: site.password,
                                 mn: site.mn, flag: site.flag(ack: true))
        let encrypt = site.cipher != nil && HJ212CPEncryption.mustEncrypt(command)
        guard let bytes = try? HJ212Frame.encode(HJ212DataSegment(header: header, cp: cp),
                                                 cipher: encrypt ? site.cipher : nil) else { return nil }
        return Sent(mn: site.mn, command: command.rawValue, qn: qn.text17, sentAtMilliseconds: nowMilliseconds,
                    beginTime: nil, endTime: nil, bytes: bytes)
    }
}
