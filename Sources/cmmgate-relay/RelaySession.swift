import Wire

/// One gateway connection, as a state machine: bytes and the time in, `RelayAction`s out. Never
/// reads a clock or touches a socket (docs/relay.md "Serve").
///
/// Framing is Wire's `HJ212FrameDecoder` (incremental, resynchronising at the next `##`); before
/// each packet the header's MN is peeked so the decoder gets that site's SM4 key. An accepted
/// frame has a known MN and the right PW. Uploads are stored and, with Flag A, acknowledged by a
/// 9014 with their QN once stored; a heartbeat (9015) and a time-calibration request (1013) get
/// 9013; 9011/9012 answers to the relay's requests are recorded. The first accepted frame of a
/// site on the connection triggers a 1012 set-time when configured.
struct RelaySession: Sendable {
    struct Settings: Sendable {
        var setTimeOnConnect = true
        /// Refused inputs logged (and kept) in full per connection; later ones every 1000th.
        var rejectLogLimit = 20
    }

    let peer: String
    let sites: SiteDirectory
    let settings: Settings
    private var buffer = InputBuffer()
    private var decoder = HJ212FrameDecoder()
    private var requests = RelayRequestBuilder()
    /// Sites heard on this connection, with the ST they use (for the relay's requests).
    private(set) var systemCodes: [String: String] = [:]
    /// The newest real-time second seen per site on this connection (for gap log lines).
    private var lastRealtime: [String: Int64] = [:]
    private var warnedVersion: Set<String> = []
    private(set) var rejectCount = 0
    private(set) var frameCount = 0

    init(peer: String, sites: SiteDirectory, settings: Settings = Settings()) {
        self.peer = peer
        self.sites = sites
        self.settings = settings
    }

    /// The sites (MNs) this connection has spoken for.
    var siteMNs: [String] { systemCodes.keys.sorted() }

    /// Bytes buffered but not yet a whole packet.
    var pendingBytes: Int { buffer.readableBytes }

    /// Feeds `bytes` received at `now` (UTC ms); returns what to do, in order.
    mutating func receive(_ bytes: [UInt8], now: Int64) -> [RelayAction] {
        buffer.append(contentsOf: bytes)
        var actions: [RelayAction] = []
        while true {
            decoder.cipher = HeaderPeek.mn(in: buffer).flatMap { sites[$0]?.cipher }
            let snapshot = buffer.readable
            let before = buffer.readableBytes
            switch decoder.decode(&buffer) {
            case .needMoreData:
                return actions
            case .discarded(let count, let reason):
                actions.append(.reject(reject(reason.code.rawValue, reason.message, mn: nil, bytes: snapshot.prefix(count))))
            case .frame(let frame):
                let consumed = snapshot.prefix(before - buffer.readableBytes)
                frameCount += 1
                handle(frame, raw: Self.rawText(consumed), now: now, into: &actions)
            }
        }
    }

    /// A history pull for site `mn` over period starts `begin…end`, when this connection speaks for it.
    mutating func historyPull(mn: String, command: Int, begin: Int64, end: Int64, now: Int64) -> RelayRequestBuilder.Sent? {
        guard let site = sites[mn], let st = systemCodes[mn] else { return nil }
        return requests.historyPull(command: HJ212CommandCode(command), begin: begin, end: end, site: site, st: st,
                                    nowMilliseconds: now)
    }

    private mutating func handle(_ frame: HJ212Frame, raw: String, now: Int64, into actions: inout [RelayAction]) {
        let parsed: HJ212DataSegment
        do { parsed = try frame.dataSegment() } catch {
            actions.append(.reject(reject("malformedSegment", error.message, mn: nil, bytes: Array(raw.utf8))))
            return
        }
        let header = parsed.header
        guard let site = sites[header.mn] else {
            actions.append(.reject(reject("unknownMN", "MN \(header.mn) is not a configured site", mn: header.mn,
                                          bytes: Array(raw.utf8))))
            return
        }
        guard header.pw == site.password else {
            actions.append(.reject(reject("badPassword", "wrong PW for site \(site.mn)", mn: site.mn, bytes: Array(raw.utf8))))
            return
        }
        checkVersion(header, site: site, into: &actions)
        if systemCodes[site.mn] == nil {
            systemCodes[site.mn] = header.st
            actions.append(.log("\(peer): site \(site.mn) (\(site.name)) connected"))
            if settings.setTimeOnConnect, let sent = requests.setTime(site: site, st: header.st, nowMilliseconds: now) {
                actions.append(.request(sent))
            }
        }
        dispatch(parsed, frame: frame, raw: raw, site: site, now: now, into: &actions)
    }

    private mutating func dispatch(_ parsed: HJ212DataSegment, frame: HJ212Frame, raw: String, site: SiteDirectory.Entry,
                                   now: Int64, into actions: inout [RelayAction]) {
        let header = parsed.header
        switch header.command?.rawValue ?? -1 {
        case 9011, 9012:
            let code = parsed.cp.allFields.lazy.compactMap { field -> Int? in
                switch field {
                case .requestReturn(let r): r.rawValue
                case .executionReturn(let r): r.rawValue
                default: nil
                }
            }.first
            actions.append(.requestAnswered(mn: site.mn, qn: header.qn ?? "", command: header.command?.rawValue ?? 0,
                                            returnCode: code ?? -1))
        case 9013, 9014:
            actions.append(.log("\(peer): site \(site.mn) sent CN \(header.cn) (a reply the relay did not ask for); ignored"))
        case 9015:
            if let reply = RelayRequestBuilder.reply(command: .notifyReply, to: header, site: site) { actions.append(.send(reply)) }
        case 1013:
            if let reply = RelayRequestBuilder.reply(command: .notifyReply, to: header, site: site) { actions.append(.send(reply)) }
            if let sent = requests.setTime(site: site, st: header.st, nowMilliseconds: now) { actions.append(.request(sent)) }
        default:
            upload(parsed, frame: frame, raw: raw, site: site, now: now, into: &actions)
        }
    }

    private mutating func upload(_ parsed: HJ212DataSegment, frame: HJ212Frame, raw: String, site: SiteDirectory.Entry,
                                 now: Int64, into actions: inout [RelayAction]) {
        let upload = RelayUpload(segment: parsed, frame: frame, raw: raw, peer: peer, receivedAt: now,
                                 utcOffsetMinutes: site.utcOffsetMinutes)
        if upload.kind != .event, upload.dataTime == nil {
            actions.append(.reject(reject("noDataTime", "CN \(upload.command) without DataTime", mn: site.mn,
                                          bytes: Array(raw.utf8))))
            return
        }
        if upload.kind == .realtime { noteRealtime(upload, site: site, into: &actions) }
        var ack: [UInt8]? = nil
        if parsed.header.flag?.ackRequired == true {
            ack = RelayRequestBuilder.reply(command: .dataReply, to: parsed.header, site: site)
            if ack == nil {
                actions.append(.log("\(peer): site \(site.mn) asked for a reply to a frame without QN; none sent"))
            }
        }
        actions.append(.store(upload, ack: ack))
    }

    /// Logs a jump in the real-time seconds of a site (not a resend): the agent's backfill is
    /// expected to fill it; the report shows what remains missing.
    private mutating func noteRealtime(_ upload: RelayUpload, site: SiteDirectory.Entry, into actions: inout [RelayAction]) {
        guard !upload.header.resend else { return }
        if let last = lastRealtime[site.mn], upload.keyTime > last + 1 {
            let offset = site.utcOffsetMinutes
            actions.append(.log("\(peer): site \(site.mn): real-time gap of \(upload.keyTime - last - 1) s after "
                + "\(CivilTime.text(seconds: last, utcOffsetMinutes: offset)); awaiting the gateway's backfill"))
        }
        lastRealtime[site.mn] = max(lastRealtime[site.mn] ?? .min, upload.keyTime)
    }

    private mutating func checkVersion(_ header: HJ212Header, site: SiteDirectory.Entry, into actions: inout [RelayAction]) {
        guard let flag = header.flag, flag.version != site.flag(ack: false).version, !warnedVersion.contains(site.mn) else { return }
        warnedVersion.insert(site.mn)
        actions.append(.log("\(peer): site \(site.mn) sends \(flag.version) frames (Flag=\(flag.rawValue)) but is configured "
            + "for HJ 212-\(site.profile.rawValue); accepted, replies use the configured profile"))
    }

    private mutating func reject<C: Collection>(_ reason: String, _ message: String, mn: String?, bytes: C) -> RelayReject
        where C.Element == UInt8 {
        rejectCount += 1
        let log = rejectCount <= settings.rejectLogLimit || rejectCount % 1000 == 0
        return RelayReject(reason: reason, message: message, peer: peer, mn: mn, excerpt: RelayReject.excerpt(bytes), log: log)
    }

    /// The consumed packet as text without its CR LF.
    static func rawText(_ bytes: ArraySlice<UInt8>) -> String {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }
}
