import AgentCore
import DeviceIO
import Journal
import Uplink
import Wire

/// `cmmgate-bench uplink-bytes --config FILE [--seconds N]`: the bytes one site's HJ 212 uplink
/// puts on the wire for a local day of 1-second operation, both directions, per profile.
///
/// The site runs for N simulated seconds (default 86400) from local midnight of 2026-12-02
/// (`SimulatedDay`: the runtime, synthetic in-range readings, the journal); every journal
/// record of that day then goes through `UplinkFrameBuilder` with the site's first `[uplink]`
/// section set to each profile, each segment gets a 17-digit QN, the A flag, the password and
/// the version bits as `UplinkSession.sendPart` gives them (live lane: RF unset), and is encoded
/// by `HJ212Frame.encode` (in the SM4 case with DeviceIO's `LibcryptoSM4` and a 16-byte key on
/// the commands HJ 212-2025 encrypts, as `UplinkLink` does). For each frame the platform's 9014
/// acknowledgement (same QN, ST 91, empty CP, as cmmgate-relay writes it) is counted in the other
/// direction. Records are counted by their timestamp (the second, or the period start) within
/// the day; the day's own record closes in the run's extra seconds.
///
/// Prints `uplink_PROFILE_KIND_frames`, `uplink_PROFILE_KIND_bytes` and the first frame as
/// `uplink_PROFILE_KIND_sample` for KIND realtime,
/// statistics, events, acks, up (the first three), and total (up + acks), PROFILE 2017, 2025 and
/// 2025sm4. Not counted: TCP/IP headers, the connection's set-up, the relay's 1012 set-time on
/// connect, resends after a lost acknowledgement, and heartbeats (never due: a frame goes every
/// second).
enum UplinkBytesBench {
    struct Counts {
        var frames: [String: Int] = [:]
        var bytes: [String: Int] = [:]
        /// The first frame of each kind, as text without its CR LF.
        var samples: [String: String] = [:]

        mutating func add(_ kind: String, _ frame: [UInt8]) {
            if frames[kind] == nil { samples[kind] = String(decoding: frame.dropLast(2), as: UTF8.self) }
            frames[kind, default: 0] += 1
            bytes[kind, default: 0] += frame.count
        }
    }

    static func run(_ arguments: [String]) -> Int32 {
        var configPath = ""
        var seconds: Int64 = 86_400
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--config": configPath = rest.popFirst() ?? ""
            case "--seconds": seconds = rest.popFirst().flatMap { Int64($0) } ?? 0
            default: configPath = ""; rest = []
            }
        }
        guard !configPath.isEmpty, seconds > 0 else {
            print("usage: cmmgate-bench uplink-bytes --config FILE [--seconds N]")
            return 64
        }
        do {
            let config = try RuntimeBench.loadConfig(configPath)
            guard let uplink = config.uplinks.first else {
                throw RuntimeBench.BenchError(description: "\(configPath) has no [uplink] section")
            }
            let start = SimulatedDay.localMidnight(config)
            let drive = try SimulatedDay.run(config: config, from: start, through: start + seconds + 2)
            let window = start * 1000..<(start + seconds) * 1000
            let records = try SimulatedDay.records(of: drive.journal).filter { window.contains($0.timestamp) }
            print("uplink_seconds \(seconds) s")
            print("uplink_parameters \(config.parameters.count) parameters")
            let key = [UInt8](repeating: 0x30, count: 16)  // HJ 212-2025 App. A.2's test key
            for (name, profile, cipher) in [("2017", UplinkConfig.Profile.hj212_2017, nil),
                                             ("2025", .hj212_2025, nil),
                                             ("2025sm4", .hj212_2025, try LibcryptoSM4(key: key))] {
                var variant = uplink
                variant.profile = profile
                variant.heartbeatSeconds = profile == .hj212_2025 ? 60 : nil
                variant.sm4KeyFile = cipher == nil ? nil : "/etc/cmmgate/bench.sm4"
                let counts = try count(records, site: config, uplink: variant, cipher: cipher)
                printCounts(counts, profile: name)
            }
            return 0
        } catch {
            print("uplink-bytes bench failed: \(error)")
            return 1
        }
    }

    /// The frames of `records` and their acknowledgements, by kind.
    static func count(_ records: [JournalRecord], site: SiteConfig, uplink: UplinkConfig,
                      cipher: LibcryptoSM4?) throws -> Counts {
        let builder = UplinkFrameBuilder(site: site, uplink: uplink)
        let version = uplink.protocolVersion
        var counts = Counts()
        for record in records {
            guard let message = try builder.message(for: record) else { continue }
            let kind = record.type == AgentRecordType.realtime ? "realtime"
                : record.type == AgentRecordType.statistics ? "statistics" : "events"
            // Sent once the second (or period) has been journaled: about 1 s after its start.
            let sent = try UplinkLocalTime.timestamp(unixSeconds: record.timestamp / 1000 + 1,
                                                     utcOffsetMinutes: site.identity.utcOffsetMinutes)
            for (index, part) in message.segments.enumerated() {
                var segment = part
                let qn = sent.advanced(byMilliseconds: 2 + index).text17
                segment.header.qn = qn
                segment.header.pw = site.identity.password
                segment.header.flag = HJ212Flag(version: version, ackRequired: true, split: segment.header.packetCount != nil)
                let encrypt = cipher != nil && segment.header.command.map(HJ212CPEncryption.mustEncrypt) == true
                counts.add(kind, try HJ212Frame.encode(segment, cipher: encrypt ? cipher : nil))
                let ack = HJ212Header(qn: qn, st: "91", cn: "9014", pw: site.identity.password, mn: site.identity.mn,
                                      flag: HJ212Flag(version: version, ackRequired: false, split: false))
                counts.add("acks", try HJ212Frame.encode(HJ212DataSegment(header: ack, cp: CPDataArea())))
            }
        }
        return counts
    }

    static func printCounts(_ counts: Counts, profile: String) {
        var up = (frames: 0, bytes: 0)
        for kind in ["realtime", "statistics", "events", "acks"] {
            let frames = counts.frames[kind] ?? 0
            let bytes = counts.bytes[kind] ?? 0
            print("uplink_\(profile)_\(kind)_frames \(frames) frames")
            print("uplink_\(profile)_\(kind)_bytes \(bytes) bytes")
            if let sample = counts.samples[kind] { print("uplink_\(profile)_\(kind)_sample \(sample)") }
            if kind != "acks" { up = (up.frames + frames, up.bytes + bytes) }
        }
        print("uplink_\(profile)_up_frames \(up.frames) frames")
        print("uplink_\(profile)_up_bytes \(up.bytes) bytes")
        print("uplink_\(profile)_total_frames \(up.frames + (counts.frames["acks"] ?? 0)) frames")
        print("uplink_\(profile)_total_bytes \(up.bytes + (counts.bytes["acks"] ?? 0)) bytes")
    }
}
