import Wire

/// Drives serial transactions (`SerialTransaction`) against the ports of one RS-485 bus: the
/// `SerialLink`, its `DirectionControl` and the clock. This is what `cmmgate probe` and the
/// daemon's bus poller call; everything it decides comes from the pure state machine.
///
/// Port errors become `FieldBusError` naming the bus and the step (`.portVanished` when the
/// port's error says the device is gone: close it and reopen with `ReconnectBackoff`). If a
/// step fails while the line is asserted, the runner releases it before reporting.
public struct SerialBusRunner<Link: SerialLink, Direction: DirectionControl, Clock: MonotonicClock & WallClock> {
    public var link: Link
    public var direction: Direction
    public var clock: Clock
    public let settings: SerialMasterSettings
    public let plan: TurnaroundPlan
    /// The last wire activity seen, carried from one transaction to the next (t3.5 rule). It
    /// starts at the runner's creation: the bus state before the port was opened is unknown, so
    /// the first request also waits for t3.5 of observed silence.
    public private(set) var lastBusActivity: MonotonicInstant
    public private(set) var statistics = BusStatistics()

    /// `guardMicroseconds`: hold after the last character before releasing a manual line;
    /// `assertSetupMicroseconds`: wait after asserting before the first byte.
    public init(link: Link, direction: Direction, clock: Clock, settings: SerialMasterSettings,
                guardMicroseconds: Int = 0, assertSetupMicroseconds: Int = 0) throws(FieldBusError) {
        self.plan = try TurnaroundPlan(timing: RTUTiming(link.characterFormat), isAutomatic: direction.isAutomatic,
                                       guardMicroseconds: guardMicroseconds,
                                       assertSetupMicroseconds: assertSetupMicroseconds)
        self.link = link
        self.direction = direction
        self.clock = clock
        self.settings = settings
        self.lastBusActivity = clock.now()
    }

    /// Reads registers or bits from Modbus RTU slave 1…247.
    public mutating func readModbus(slave: UInt8, _ request: ModbusReadRequest) throws(FieldBusError) -> Acquired<ModbusReadReply> {
        guard slave != 0 else {
            throw FieldBusError(.configuration, "\(settings.busName): slave 0 is the broadcast address; nothing replies to a read")
        }
        return try acquire(ModbusRTUReplyMatcher(RTURequestFrame(slave: slave, request: request)))
    }

    /// Sends `request` to broadcast address 0 and waits the turnaround delay (§2.4.1).
    public mutating func broadcastModbus(_ request: ModbusReadRequest) throws(FieldBusError) -> TransactionReport {
        let matcher = try ModbusRTUReplyMatcher(RTURequestFrame(slave: 0, request: request))
        let (outcome, report) = try run(matcher)
        if case .failed(let error) = outcome { throw error }
        return report
    }

    /// Reads data identifier `identifier` from the DL/T 645 meter at `address`.
    public mutating func readDLT645(_ identifier: DLT645DataIdentifier, from address: DLT645Address,
                                    preambleCount: Int = DLT645Frame.defaultPreambleCount) throws(FieldBusError) -> Acquired<DLT645Answer> {
        try acquire(DLT645ReplyMatcher(.readData(identifier, address: address), preambleCount: preambleCount))
    }

    /// Asks the one meter on the bus for its address (0x13 to AA…AA), for discovery.
    public mutating func readDLT645Address(preambleCount: Int = DLT645Frame.defaultPreambleCount) throws(FieldBusError) -> DLT645Address {
        let answer = try acquire(DLT645ReplyMatcher(.readAddress, preambleCount: preambleCount))
        guard case .address(let address) = answer.value else {
            throw FieldBusError(.badFrame, "\(settings.busName): read address answered with data")
        }
        return address
    }

    /// Sets every meter's clock (0x08 to 99…99); meters do not reply, so this waits the
    /// broadcast turnaround delay. `time` should come from a synchronised wall clock.
    public mutating func broadcastDLT645Time(_ time: DLT645DateTime,
                                             preambleCount: Int = DLT645Frame.defaultPreambleCount) throws(FieldBusError) -> TransactionReport {
        let (outcome, report) = try run(DLT645ReplyMatcher(.broadcastTime(time), preambleCount: preambleCount))
        if case .failed(let error) = outcome { throw error }
        return report
    }

    /// Runs one transaction and returns its reply with the acquisition times.
    public mutating func acquire<M: ReplyMatcher>(_ matcher: M) throws(FieldBusError) -> Acquired<M.Reply> {
        let (outcome, report) = try run(matcher)
        switch outcome {
        case .reply(let reply, let at):
            let now = clock.now()
            return Acquired(value: reply, monotonic: at,
                            wall: wallTime(of: at, now: now, wallNow: clock.wallTime()), report: report)
        case .broadcastSent:
            throw FieldBusError(.configuration, "\(settings.busName): \(matcher.requestSummary) was a broadcast; no reply to return")
        case .failed(let error):
            throw error
        }
    }

    /// Runs one transaction to its end; port failures are thrown, everything else is the outcome.
    public mutating func run<M: ReplyMatcher>(_ matcher: M) throws(FieldBusError) -> (SerialOutcome<M.Reply>, TransactionReport) {
        var machine = SerialTransaction(matcher: matcher, plan: plan, settings: settings, lastBusActivity: lastBusActivity)
        var event = SerialTransaction<M>.Event.start
        var asserted = false
        while true {
            let action = machine.handle(event, now: clock.now())
            do {
                switch action {
                case .listen(let until): event = .received(try link.read(until: until))
                case .assertTransmit: try direction.assertTransmit(); asserted = true; event = .done
                case .write(let bytes): try link.write(bytes); event = .done
                case .drain: try link.drain(); event = .done
                case .sleep(let until): try clock.sleep(until: until); event = .done
                case .discardInput: try link.discardInput(); event = .done
                case .releaseTransmit: try direction.releaseTransmit(); asserted = false; event = .done
                case .finished:
                    lastBusActivity = machine.lastBusActivity
                    let outcome = machine.outcome ?? .failed(FieldBusError(.configuration, "transaction finished without an outcome"))
                    if case .failed(let error) = outcome { statistics.record(machine.report, error: error) } else {
                        statistics.record(machine.report, error: nil)
                    }
                    return (outcome, machine.report)
                }
            } catch {
                if asserted { try? direction.releaseTransmit() }
                lastBusActivity = clock.now()
                let failure = FieldBusError.port(error, bus: settings.busName, step: Self.stepName(action), during: matcher.requestSummary)
                statistics.record(machine.report, error: failure)
                throw failure
            }
        }
    }

    /// Forgets what was seen on the bus: the next request waits for t3.5 of observed silence.
    mutating func restartSilence() { lastBusActivity = clock.now() }

    static func stepName(_ action: SerialTransaction<some ReplyMatcher>.Action) -> String {
        switch action {
        case .listen: return "read"
        case .assertTransmit: return "assert direction"
        case .write: return "write"
        case .drain: return "drain"
        case .sleep: return "sleep"
        case .discardInput: return "discard input"
        case .releaseTransmit: return "release direction"
        case .finished: return "finish"
        }
    }
}
