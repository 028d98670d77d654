import AgentCore
import DeviceIO
import FieldBus
import Uplink
import Wire

/// Everything one uplink thread needs, made before it starts.
struct UplinkSetup: Sendable {
    let config: UplinkConfig
    let settings: UplinkSessionSettings
    /// The uplink's journal consumer cursor at start: delivery resumes right after it.
    let acknowledged: UInt64
    /// The SM4 key (2025 profile, `sm4_key_file`), read before the thread starts; nil: plain text.
    let sm4Key: [UInt8]?
}

/// The body of one uplink's thread under `cmmgate run`: owns the TCP connection to the platform
/// and the pure `UplinkSession`, frames what arrives (`HJ212FrameDecoder`), and carries the
/// session's actions out: socket work here, everything touching the journal or the clock through
/// the main thread (`UplinkChannel`). It never throws; a failed connect, write or read is a
/// `.disconnected` event and the session decides when to try again.
struct UplinkLink {
    let setup: UplinkSetup
    let channel: UplinkChannel
    private var session: UplinkSession
    private let stream: TCPByteStream
    private var decoder: HJ212FrameDecoder
    /// SM4 over the CP area (HJ 212-2025 §6.4) when a key is configured.
    private var cipher: LibcryptoSM4?
    private var buffer = InputBuffer()
    private var connected = false
    private var pending: [UplinkEvent] = []
    private let clock = SystemClock()
    /// The longest wait for bytes before the session is ticked again, ms.
    static let sliceMilliseconds = 100

    init(_ setup: UplinkSetup, channel: UplinkChannel) {
        self.setup = setup
        self.channel = channel
        session = UplinkSession(settings: setup.settings, acknowledgedThrough: setup.acknowledged)
        cipher = setup.sm4Key.flatMap { try? LibcryptoSM4(key: $0) }  // the key was checked by the daemon
        decoder = HJ212FrameDecoder(cipher: cipher)
        stream = TCPByteStream(TCPEndpoint(host: setup.config.host, port: UInt16(setup.config.port)))
    }

    /// Runs until the main thread asks it to stop.
    static func run(_ setup: UplinkSetup, channel: UplinkChannel) {
        var link = UplinkLink(setup, channel: channel)
        link.loop()
    }

    private mutating func loop() {
        while !channel.toUplink.stopRequested {
            for input in channel.toUplink.drainAll() {
                if case .newKey(let key) = input, let next = try? LibcryptoSM4(key: key) {
                    cipher = next  // checked by the main thread before it stored the key
                    decoder.cipher = next
                }
                if let event = input.event { pending.append(event) }
            }
            pending.append(.tick)
            settle()
            if connected { receive() } else { idle() }
            settle()
            channel.fromUplink.post(.alive)
        }
        if connected { stream.close() }
    }

    /// Hands every pending event to the session and carries out what it answers (which may
    /// queue further events: a connect's outcome, a failed write).
    private mutating func settle() {
        while !pending.isEmpty {
            let event = pending.removeFirst()
            for action in session.handle(event, at: now()) { perform(action) }
        }
    }

    private mutating func perform(_ action: UplinkAction) {
        switch action {
        case .connect: connect()
        case .close:
            stream.close()
            connected = false
            decoder = HJ212FrameDecoder(cipher: cipher)
            buffer = InputBuffer()
        case .send(let segment): send(segment)
        case .fetch(let fetch): channel.fromUplink.post(.fetch(fetch))
        case .fetchHistory(let fetch): channel.fromUplink.post(.fetchHistory(fetch))
        case .acknowledgeJournal(let through): channel.fromUplink.post(.acknowledge(through: through))
        case .setClock(let setting): channel.fromUplink.post(.setClock(setting))
        case .storeKey(let key): channel.fromUplink.post(.storeKey(key))
        case .journalEvent(let event): channel.fromUplink.post(.journal(event))
        case .settingsChanged(let settings): channel.fromUplink.post(.settingsChanged(settings))
        case .log(let level, let text): channel.fromUplink.post(.log(level, text))
        }
    }

    private mutating func connect() {
        let deadline = clock.now().adding(milliseconds: session.settings.connectTimeoutSeconds * 1000)
        do {
            try stream.connect(until: deadline)
            connected = true
            decoder = HJ212FrameDecoder(cipher: cipher)
            buffer = InputBuffer()
            pending.append(.connected)
        } catch {
            pending.append(.disconnected(reason: "connect to \(setup.config.host):\(setup.config.port): \(error)"))
        }
    }

    private mutating func send(_ segment: HJ212DataSegment) {
        do {
            let encrypted = Self.mustEncrypt(segment.header.cn) ? cipher : nil
            try stream.write(try HJ212Frame.encode(segment, cipher: encrypted))
        } catch {
            lost("send \(segment.header.cn) QN=\(segment.header.qn ?? "?"): \(error)")
        }
    }

    /// Reads what arrived within one slice and frames it; each whole frame is an event.
    private mutating func receive() {
        let deadline = clock.now().adding(milliseconds: waitMilliseconds())
        do {
            let bytes = try stream.read(until: deadline)
            guard !bytes.isEmpty else { return }
            buffer.append(contentsOf: bytes)
        } catch {
            return lost("read: \(error)")
        }
        while true {
            switch decoder.decode(&buffer) {
            case .frame(let frame):
                do {
                    pending.append(.received(try frame.dataSegment()))
                } catch {
                    channel.fromUplink.post(.log(.warning, "uplink \(setup.config.name): unreadable segment: \(error)"))
                }
            case .discarded(let count, let reason):
                channel.fromUplink.post(.log(.warning, "uplink \(setup.config.name): \(count) bytes discarded: \(reason)"))
            case .needMoreData:
                return
            }
        }
    }

    /// HJ 212-2025 §6.4: the data commands (2000–2999), the key update (1014) and the site
    /// information (3020) are sent encrypted; replies and the other commands are not.
    static func mustEncrypt(_ cn: String) -> Bool {
        guard let code = Int(cn) else { return false }
        return (2000...2999).contains(code) || code == 1014 || code == 3020
    }

    private mutating func lost(_ reason: String) {
        stream.close()
        connected = false
        pending.append(.disconnected(reason: reason))
    }

    /// Disconnected: sleeps one slice, or less when the session wants to be ticked sooner.
    private func idle() {
        clock.sleep(until: clock.now().adding(milliseconds: waitMilliseconds()))
    }

    private func waitMilliseconds() -> Int {
        guard let wakeup = session.nextWakeup else { return Self.sliceMilliseconds }
        return Int(max(0, min(Int64(Self.sliceMilliseconds), wakeup - now().monotonicMilliseconds)))
    }

    private func now() -> UplinkNow {
        UplinkNow(monotonicMilliseconds: Int64(clock.now().nanoseconds / 1_000_000),
                  wallMilliseconds: Int64(clock.wallNanoseconds() / 1_000_000))
    }
}
