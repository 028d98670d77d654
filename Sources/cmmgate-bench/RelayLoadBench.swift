import Glibc
import Wire

/// `cmmgate-bench relay-load`: the relay's ingest rate with many gateways at once.
///
/// `relay-load --print-config --gateways N --database PATH [--synchronous full|normal]` prints a
/// `cmmgate-relay serve` configuration for N sites (MN `BE` + 22 digits of the gateway's index,
/// PW 123456, profile 2017) listening on a free loopback port, with set-time on connect and
/// history pulls off, so the relay only receives, stores and acknowledges.
///
/// `relay-load --port P --gateways N --frames M --window W` then opens N connections from one
/// thread (one poll(2) loop, non-blocking sockets, TCP_NODELAY as the agent's uplink) and sends
/// from each M real-time frames (CN 2011, Flag=5: HJ 212-2017 with A, the example site's nine
/// factors, DataTime one second apart, 435 characters like the agent's) as fast as the
/// acknowledgements allow: at most W frames per connection awaiting their 9014, each 9014 checked
/// against the oldest frame's QN. Frames are encoded before the clock starts; the time runs from
/// the first write to the last acknowledgement. Prints the frames, the seconds, frames/s and the
/// median and 99th-percentile round trip (write to 9014) in ms.
enum RelayLoadBench {
    struct Options {
        var port: UInt16 = 0
        var gateways = 0
        var frames = 0
        var window = 1
        var printConfig = false
        var database = ""
        var synchronous = "full"
        var timeoutSeconds = 300.0

        init?(_ arguments: [String]) {
            var rest = arguments[...]
            while let option = rest.popFirst() {
                switch option {
                case "--print-config": printConfig = true
                case "--port": port = rest.popFirst().flatMap { UInt16($0) } ?? 0
                case "--gateways": gateways = rest.popFirst().flatMap { Int($0) } ?? 0
                case "--frames": frames = rest.popFirst().flatMap { Int($0) } ?? 0
                case "--window": window = rest.popFirst().flatMap { Int($0) } ?? 0
                case "--database": database = rest.popFirst() ?? ""
                case "--synchronous": synchronous = rest.popFirst() ?? ""
                case "--timeout": timeoutSeconds = rest.popFirst().flatMap { Double($0) } ?? 0
                default: return nil
                }
            }
            guard gateways > 0, gateways <= 10_000 else { return nil }
            if printConfig { guard !database.isEmpty, ["full", "normal"].contains(synchronous) else { return nil }; return }
            guard port > 0, frames > 0, window > 0, timeoutSeconds > 0 else { return nil }
        }
    }

    static let usage = """
        usage: cmmgate-bench relay-load --print-config --gateways N --database PATH [--synchronous full|normal]
               cmmgate-bench relay-load --port P --gateways N --frames M --window W [--timeout S]
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let options = Options(arguments) else {
            print(usage)
            return 64
        }
        if options.printConfig {
            printConfig(options)
            return 0
        }
        do {
            return try load(options)
        } catch {
            print("relay-load bench failed: \(error)")
            return 1
        }
    }

    /// HJ 212 MN of gateway `index`: `BE` and 22 decimal digits.
    static func mn(_ index: Int) -> String {
        let digits = String(index)
        return "BE" + String(repeating: "0", count: 22 - digits.count) + digits
    }

    static func printConfig(_ options: Options) {
        print("""
            [relay]
            listen = 127.0.0.1:0
            database = \(options.database)
            synchronous = \(options.synchronous)
            max_connections = \(options.gateways + 16)
            set_time_on_connect = no
            history_pull = no
            """)
        for index in 0..<options.gateways {
            print("\n[site \(mn(index))]\npassword = 123456\nprofile = 2017")
        }
    }

    /// The example site's nine factors with typical readings (`cmmgate-bench uplink-bytes` shows
    /// the agent's own frame: the same fields and length).
    static let factors: [(String, String)] = [
        ("g01-flow", "1195.200"), ("g01-ch4", "3.187"), ("g01-temp", "19.920"), ("g01-press", "3.984"),
        ("g01-run", "1.000"), ("p01-flow", "1314.720"), ("p01-ch4", "39.840"), ("e01-gen", "113640.000"),
        ("h01-heat", "1140.800"),
    ]

    /// Gateway `gateway`'s frames and their QNs: DataTime from 2026-12-02 00:00:00 a second apart,
    /// QN 1 s and a few ms later.
    static func frames(gateway: Int, count: Int) throws -> (frames: [[UInt8]], qns: [[UInt8]]) {
        let start = try HJ212Timestamp(year: 2026, month: 12, day: 2, hour: 0, minute: 0, second: 0)
        var frames: [[UInt8]] = []
        var qns: [[UInt8]] = []
        for index in 0..<count {
            var dataTime = start.advanced(byMilliseconds: index * 1000)
            dataTime.millisecond = 0
            let qn = dataTime.advanced(byMilliseconds: 1000 + 2 + gateway % 500).text17
            var items = [CPDataArea.Item([.dataTime(dataTime)])]
            for (code, value) in factors {
                items.append(CPDataArea.Item([.factor(code: code, suffix: .rtd, value: value),
                                              .factor(code: code, suffix: .flag, value: "N")]))
            }
            let header = HJ212Header(qn: qn, st: "31", cn: "2011", pw: "123456", mn: mn(gateway),
                                     flag: HJ212Flag(version: .hj212_2017, ackRequired: true, split: false))
            frames.append(try HJ212Frame.encode(HJ212DataSegment(header: header, cp: CPDataArea(items))))
            qns.append(Array(qn.utf8))
        }
        return (frames, qns)
    }

    static func load(_ options: Options) throws -> Int32 {
        let encoded = try (0..<options.gateways).map { try frames(gateway: $0, count: options.frames) }
        let gateways = try encoded.map {
            try RelayLoadGateway(port: options.port, frames: $0.frames, qns: $0.qns, window: options.window)
        }
        let start = BenchClock.nanoseconds()
        let deadline = start + UInt64(options.timeoutSeconds * 1e9)
        for gateway in gateways { gateway.fill(now: start) }
        var now = start
        while gateways.contains(where: { !$0.done }), now < deadline {
            var fds = gateways.map {
                pollfd(fd: $0.fd, events: Int16(POLLIN) | ($0.wantsWrite ? Int16(POLLOUT) : 0), revents: 0)
            }
            _ = poll(&fds, nfds_t(fds.count), 1000)
            now = BenchClock.nanoseconds()
            for (gateway, fd) in zip(gateways, fds) where fd.revents != 0 {
                if fd.revents & Int16(POLLOUT) != 0 { gateway.flush() }
                if fd.revents & ~Int16(POLLOUT) != 0 { gateway.receive(now: now) }
                gateway.fill(now: now)
            }
        }
        let seconds = Double(now - start) / 1e9
        let acknowledged = gateways.map(\.acknowledged).reduce(0, +)
        let trips = gateways.flatMap(\.roundTrips).sorted()
        let percentile = { (p: Double) in trips.isEmpty ? 0 : Double(trips[min(trips.count - 1, Int(Double(trips.count) * p))]) / 1e6 }
        print("relay_load_gateways \(options.gateways) gateways")
        print("relay_load_window \(options.window) frames")
        print("relay_load_frames \(acknowledged) frames")
        print("relay_load_seconds \(String(seconds)) s")
        print("relay_load_frames_per_second \(Int((Double(acknowledged) / seconds).rounded())) frames/s")
        print("relay_load_round_trip_median_ms \(String(percentile(0.5))) ms")
        print("relay_load_round_trip_p99_ms \(String(percentile(0.99))) ms")
        let errors = gateways.flatMap(\.errors)
        for error in errors.prefix(5) { print("relay_load_error \(error)") }
        guard errors.isEmpty, acknowledged == options.gateways * options.frames else {
            print("relay-load: \(acknowledged) of \(options.gateways * options.frames) frames acknowledged, \(errors.count) errors")
            return 1
        }
        return 0
    }
}
