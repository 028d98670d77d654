import Wire

/// Drives `StreamTransaction`s against a `ByteStream` (a TCP socket to a PLC, meter or serial
/// device server) and the clock: Modbus TCP with transaction ids, and Modbus RTU over TCP.
/// Keeps the session state between transactions: the next transaction id, the reconnect
/// back-off and the statistics.
public struct StreamBusRunner<Stream: ByteStream, Clock: MonotonicClock & WallClock> {
    public var stream: Stream
    public var clock: Clock
    public let settings: StreamMasterSettings
    public private(set) var backoff: ReconnectBackoff
    /// The id the next Modbus TCP request carries (wraps from 65535 to 0).
    public private(set) var nextTransactionID: UInt16
    public private(set) var statistics = BusStatistics()

    /// `seed` feeds the back-off jitter (use the device serial or a config value, not a clock).
    public init(stream: Stream, clock: Clock, settings: StreamMasterSettings, seed: UInt64, firstTransactionID: UInt16 = 1) {
        self.stream = stream
        self.clock = clock
        self.settings = settings
        self.backoff = ReconnectBackoff(policy: settings.backoff, seed: seed)
        self.nextTransactionID = firstTransactionID
    }

    /// Reads from unit `unit` (255 or 0 for a device that ignores it, the gateway's slave id
    /// behind a Modbus TCP gateway) with a fresh transaction id.
    public mutating func readModbusTCP(unit: UInt8, _ request: ModbusReadRequest) throws(FieldBusError) -> Acquired<ModbusReadReply> {
        let matcher = try ModbusTCPReplyMatcher(transactionID: nextTransactionID, unitID: unit, request: request)
        nextTransactionID &+= 1
        return try acquire(matcher, closeAfterTimeout: false, closeAfterDesync: true)
    }

    /// Reads from RTU slave `slave` through a serial device server in RTU-over-TCP mode.
    public mutating func readRTUOverTCP(slave: UInt8, _ request: ModbusReadRequest) throws(FieldBusError) -> Acquired<ModbusReadReply> {
        guard slave != 0 else { throw FieldBusError(.configuration, "\(settings.busName): slave 0 is broadcast; nothing replies to a read") }
        return try acquire(ModbusRTUReplyMatcher(RTURequestFrame(slave: slave, request: request)), closeAfterTimeout: true)
    }

    public mutating func acquire<M: ReplyMatcher>(_ matcher: M, closeAfterTimeout: Bool,
                                                  closeAfterDesync: Bool = false) throws(FieldBusError) -> Acquired<M.Reply> {
        let (outcome, report) = run(matcher, closeAfterTimeout: closeAfterTimeout, closeAfterDesync: closeAfterDesync)
        switch outcome {
        case .reply(let reply, let at):
            return Acquired(value: reply, monotonic: at, wall: wallTime(of: at, now: clock.now(), wallNow: clock.wallTime()),
                            report: report)
        case .broadcastSent:
            throw FieldBusError(.configuration, "\(settings.busName): no reply is awaited for \(matcher.requestSummary)")
        case .failed(let error):
            throw error
        }
    }

    /// Runs one transaction to its end. Stream errors are events of the state machine (they close
    /// the connection and count against the back-off), so this never throws.
    public mutating func run<M: ReplyMatcher>(_ matcher: M, closeAfterTimeout: Bool,
                                              closeAfterDesync: Bool = false) -> (SerialOutcome<M.Reply>, TransactionReport) {
        var machine = StreamTransaction(matcher: matcher, settings: settings, backoff: backoff,
                                        closeAfterTimeout: closeAfterTimeout, closeAfterDesync: closeAfterDesync)
        var event = StreamTransaction<M>.Event.start(connected: stream.isConnected)
        while true {
            let action = machine.handle(event, now: clock.now())
            do {
                switch action {
                case .connect(let until): try stream.connect(until: until); event = .done
                case .write(let bytes): try stream.write(bytes); event = .done
                case .read(let until): event = .received(try stream.read(until: until))
                case .close: stream.close(); event = .done
                case .finished:
                    backoff = machine.backoff
                    let outcome = machine.outcome ?? .failed(FieldBusError(.configuration, "transaction finished without an outcome"))
                    var error: FieldBusError?
                    if case .failed(let failure) = outcome { error = failure }
                    statistics.record(machine.report, error: error)
                    return (outcome, machine.report)
                }
            } catch {
                event = .failed("\(error)")
            }
        }
    }
}
