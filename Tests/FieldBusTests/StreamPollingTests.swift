import AgentTesting
import FieldBus
import Testing
import Wire

/// Planner → schedule → stream runner over a scripted TCP peer whose slaves answer every read
/// with register value = address (Modbus TCP and RTU over TCP), as `PollingTests` does for RS-485.
@Suite struct StreamPollingTests {
    struct Fixture {
        let clock = ManualClock()
        let stream: ScriptedByteStream
        var runner: StreamBusRunner<ScriptedByteStream, ManualClock>

        init(settings: StreamMasterSettings = StreamMasterSettings(busName: "plc", responseTimeoutMilliseconds: 100, retries: 0)) {
            stream = ScriptedByteStream(clock: clock)
            runner = StreamBusRunner(stream: stream, clock: clock, settings: settings, seed: 7)
        }
    }

    /// Registers start…start+count-1 of `function`, or nothing for bit reads and `silent` units.
    static func values(_ pdu: ArraySlice<UInt8>) -> (ModbusFunction, [UInt16])? {
        guard pdu.count == 5, let function = ModbusFunction(rawValue: pdu[pdu.startIndex]), !function.readsBits else { return nil }
        let bytes = Array(pdu)
        let start = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        let count = UInt16(bytes[3]) << 8 | UInt16(bytes[4])
        return (function, (0..<count).map { start &+ $0 })
    }

    static func tcpSlave(silent: Set<UInt8> = []) -> ([UInt8]) -> [ScriptedByteStream.Reaction] {
        { request in
            guard request.count == 12, !silent.contains(request[6]), let (function, values) = values(request[7...]) else { return [] }
            let id = UInt16(request[0]) << 8 | UInt16(request[1])
            let pdu = ModbusReply.normal(.registers(function, values)).pduBytes
            return [.chunk(ModbusTCPFrame(transactionID: id, unitID: request[6], pdu: pdu).bytes, afterMicroseconds: 2_000)]
        }
    }

    static func rtuSlave(silent: Set<UInt8> = []) -> ([UInt8]) -> [ScriptedByteStream.Reaction] {
        { request in
            guard request.count == 8, !silent.contains(request[0]), let (function, values) = values(request[1..<6]) else { return [] }
            let reply = RTUReplyFrame(slave: request[0], reply: .normal(.registers(function, values))).bytes
            // Split in two TCP segments, as a serial device server forwards what the UART gives it.
            return [.chunk(Array(reply.prefix(4)), afterMicroseconds: 5_000), .chunk(Array(reply.dropFirst(4)), afterMicroseconds: 6_000)]
        }
    }

    static let reads = [
        PollRead(id: "flow", source: .modbus(slave: 1, function: .readHoldingRegisters, address: 100, count: 2), periodMilliseconds: 1_000),
        PollRead(id: "ch4", source: .modbus(slave: 1, function: .readHoldingRegisters, address: 102, count: 2), periodMilliseconds: 1_000),
        PollRead(id: "temp", source: .modbus(slave: 2, function: .readInputRegisters, address: 7, count: 1), periodMilliseconds: 1_000),
    ]

    /// Runs `steps` steps of the schedule and collects every read's values (failures fail the test).
    static func run(_ bus: inout Fixture, framing: StreamFraming, steps: Int) throws -> [String: [Acquired<PolledValue>]] {
        var schedule = PollSchedule(requests: try PollPlanner().plan(reads), start: bus.clock.now())
        var seen: [String: [Acquired<PolledValue>]] = [:]
        for _ in 0..<steps {
            for result in try #require(try bus.runner.pollNext(&schedule, framing: framing)) {
                seen[result.readID, default: []].append(try result.result.get())
            }
        }
        #expect(schedule.missedSlots.allSatisfy { $0 == 0 })
        return seen
    }

    @Test(arguments: [StreamFraming.modbusTCP, .rtuOverTCP])
    func aPlannedStreamBusPollsEveryReadWithItsOwnRegistersOnTheGrid(framing: StreamFraming) throws {
        var bus = Fixture()
        bus.stream.responder = framing == .modbusTCP ? Self.tcpSlave() : Self.rtuSlave()
        let start = bus.clock.now()
        let seen = try Self.run(&bus, framing: framing, steps: 10)  // two requests a second
        #expect(seen["flow"]?.first?.value == .registers([100, 101]))
        #expect(seen["ch4"]?.first?.value == .registers([102, 103]))
        #expect(seen["temp"]?.first?.value == .registers([7]))
        #expect(seen["flow"]?.count == 5)
        // Each request is written on its 1 s grid (the second one right after the first).
        let writes = bus.stream.writes.map { $0.at.nanoseconds(since: start) }
        #expect(writes.count == 10)
        #expect(writes.enumerated().allSatisfy { index, at in at / 1_000_000_000 == UInt64(index / 2) })
        #expect(bus.stream.connectAttempts.count == 1)
        if framing == .modbusTCP {
            #expect(bus.stream.writes.map { $0.bytes[6] }.prefix(2) == [1, 2])  // the slave is the unit id
            #expect(bus.runner.nextTransactionID == 11)
        } else {
            #expect(bus.stream.writes.allSatisfy { $0.bytes.count == 8 })  // RTU frames with CRC
        }
    }

    @Test(arguments: [StreamFraming.modbusTCP, .rtuOverTCP])
    func aSilentDeviceIsAPerReadTimeoutAndThePollGoesOn(framing: StreamFraming) throws {
        var bus = Fixture()
        bus.stream.responder = framing == .modbusTCP ? Self.tcpSlave(silent: [2]) : Self.rtuSlave(silent: [2])
        var schedule = PollSchedule(requests: try PollPlanner().plan(Self.reads), start: bus.clock.now())
        var outcomes: [String: [FieldBusError.Code?]] = [:]
        for _ in 0..<4 {
            for result in try #require(try bus.runner.pollNext(&schedule, framing: framing)) {
                if case .failure(let error) = result.result { outcomes[result.readID, default: []].append(error.code) } else {
                    outcomes[result.readID, default: []].append(nil)
                }
            }
        }
        #expect(outcomes["flow"] == [nil, nil])
        #expect(outcomes["temp"] == [.timeout, .timeout])
        // RTU over TCP has no transaction ids: each timeout closes the connection and the next
        // request reconnects; Modbus TCP keeps it.
        #expect(bus.stream.closes.count == (framing == .modbusTCP ? 0 : 2))
        #expect(bus.stream.connectAttempts.count == (framing == .modbusTCP ? 1 : 2))
    }

    @Test func anExceptionIsAPerReadResult() throws {
        var bus = Fixture()
        bus.stream.responder = { request in
            let pdu = ModbusExceptionReply(function: .readHoldingRegisters, exception: ModbusExceptionCode(rawValue: 2)).pduBytes
            return [.chunk(ModbusTCPFrame(transactionID: UInt16(request[0]) << 8 | UInt16(request[1]), unitID: request[6], pdu: pdu).bytes,
                           afterMicroseconds: 1_000)]
        }
        let request = try PollPlanner().plan([Self.reads[0], Self.reads[1]])
        let results = try bus.runner.poll(try #require(request.first), framing: .modbusTCP)
        #expect(results.map(\.readID) == ["flow", "ch4"])
        for result in results {
            guard case .failure(let error) = result.result else { Issue.record("expected an exception"); continue }
            #expect(error.code == .exception)
            #expect(error.modbusException?.exception.rawValue == 2)
        }
    }

    @Test func aLostConnectionIsThrownAndPollingResumesOnTheGridAfterTheBackoff() throws {
        let policy = BackoffPolicy(initialMilliseconds: 200, factor: 2, capMilliseconds: 5_000, jitter: 0)
        var bus = Fixture(settings: StreamMasterSettings(busName: "plc", responseTimeoutMilliseconds: 100, retries: 0, backoff: policy))
        let flow = [Self.reads[0]]
        var schedule = PollSchedule(requests: try PollPlanner().plan(flow), start: bus.clock.now())
        let start = bus.clock.now()
        bus.stream.replies = [[.close(afterMicroseconds: 1_000)]]
        let lost = try #require(throws: FieldBusError.self) { try bus.runner.pollNext(&schedule, framing: .modbusTCP) }
        #expect(lost.code == .portFailure)
        #expect(StreamBusRunner<ScriptedByteStream, ManualClock>.isConnectionFailure(lost))

        // Refused at the next slot: thrown as not connected, and the back-off doubles.
        bus.stream.connectScript = [.refuse]
        let refused = try #require(throws: FieldBusError.self) { try bus.runner.pollNext(&schedule, framing: .modbusTCP) }
        #expect(refused.code == .notConnected)
        #expect(bus.runner.backoff.consecutiveFailures == 2)
        #expect(bus.runner.backoff.notBefore == bus.clock.now().adding(milliseconds: 400))

        bus.stream.responder = Self.tcpSlave()
        let results = try #require(try bus.runner.pollNext(&schedule, framing: .modbusTCP))
        #expect(try results[0].result.get().value == .registers([100, 101]))
        #expect(bus.stream.writes.last.map { $0.at.nanoseconds(since: start) / 1_000_000_000 } == 2)
        #expect(bus.runner.backoff.consecutiveFailures == 0)
        #expect(schedule.missedSlots == [0])
    }

    @Test func aDLT645ReadOnAStreamIsAConfigurationFailure() throws {
        var bus = Fixture()
        let meter = try DLT645Address("123456789012")
        let read = PollRead(id: "kwh", source: .dlt645(meter: meter, identifier: .forwardActiveEnergyTotal), periodMilliseconds: 1_000)
        let results = try bus.runner.poll(try #require(try PollPlanner().plan([read]).first), framing: .rtuOverTCP)
        guard case .failure(let error) = try #require(results.first).result else { Issue.record("expected a failure"); return }
        #expect(error.code == .configuration)
        #expect(bus.stream.writes.isEmpty)
    }

    @Test func anEmptyScheduleHasNothingToPoll() throws {
        var bus = Fixture()
        var schedule = PollSchedule(requests: [], start: bus.clock.now())
        #expect(try bus.runner.pollNext(&schedule, framing: .modbusTCP) == nil)
        #expect(bus.stream.connectAttempts.isEmpty)
    }
}
