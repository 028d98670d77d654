import AgentTesting
import FieldBus
import Testing
import Wire

@Suite struct StreamMasterTests {
    struct Fixture {
        let clock = ManualClock()
        let stream: ScriptedByteStream
        var runner: StreamBusRunner<ScriptedByteStream, ManualClock>

        init(settings: StreamMasterSettings = StreamMasterSettings(busName: "plc")) {
            stream = ScriptedByteStream(clock: clock)
            runner = StreamBusRunner(stream: stream, clock: clock, settings: settings, seed: 42)
        }
    }

    static func tcpReply(_ id: UInt16, unit: UInt8 = 1, _ registers: [UInt16]) -> [UInt8] {
        ModbusTCPFrame(transactionID: id, unitID: unit, pdu: ModbusReply.normal(.registers(.readHoldingRegisters, registers)).pduBytes).bytes
    }

    @Test func transactionIdsAdvanceAndAMismatchedIdIsIgnored() throws {
        var bus = Fixture()
        let stale = Self.tcpReply(7, [0xBAD])
        let reply = Self.tcpReply(1, [0x1111])
        // The stale frame and ours arrive split across TCP segments.
        bus.stream.replies = [[.chunk(stale + reply.prefix(3), afterMicroseconds: 2_000), .chunk(Array(reply.dropFirst(3)), afterMicroseconds: 3_000)],
                              [.chunk(Self.tcpReply(2, [0x2222]), afterMicroseconds: 1_000)]]
        let first = try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1))
        #expect(first.value.registers == [0x1111])
        #expect(first.report.diagnostics.foreignFrames == 1)
        let second = try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1))
        #expect(second.value.registers == [0x2222])
        #expect(bus.stream.writes.map { UInt16($0.bytes[0]) << 8 | UInt16($0.bytes[1]) } == [1, 2])
        #expect(bus.runner.nextTransactionID == 3)
        #expect(bus.stream.connectAttempts.count == 1)
    }

    @Test func aTimeoutKeepsTheConnectionAndALateReplyIsNotTakenForTheNextOne() throws {
        var bus = Fixture(settings: StreamMasterSettings(busName: "plc", responseTimeoutMilliseconds: 100, retries: 0))
        bus.stream.replies = [[.chunk(Self.tcpReply(1, [1]), afterMicroseconds: 150_000)],
                              [.chunk(Self.tcpReply(2, [2]), afterMicroseconds: 60_000)]]
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1)) }
        #expect(error.code == .timeout)
        #expect(error.waitedMilliseconds == 100)
        let next = try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1))
        #expect(next.value.registers == [2])
        #expect(next.report.diagnostics.foreignFrames == 1)
        #expect(bus.stream.closes.isEmpty)
    }

    @Test func aClosedConnectionIsReportedAndReconnectedWithBackoff() throws {
        let policy = BackoffPolicy(initialMilliseconds: 1_000, factor: 2, capMilliseconds: 8_000, jitter: 0)
        var bus = Fixture(settings: StreamMasterSettings(busName: "plc", backoff: policy))
        bus.stream.replies = [[.close(afterMicroseconds: 1_000)]]
        let lost = try #require(throws: FieldBusError.self) { try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1)) }
        #expect(lost.code == .portFailure)
        #expect(lost.cause == "connection reset by peer")
        #expect(bus.runner.backoff.consecutiveFailures == 1)

        // Too early: refused without touching the network.
        bus.stream.connectScript = [.refuse]
        let early = try #require(throws: FieldBusError.self) { try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1)) }
        #expect(early.code == .notConnected)
        #expect(bus.stream.connectAttempts.count == 1)

        bus.clock.advance(milliseconds: 1_000)
        let refused = try #require(throws: FieldBusError.self) { try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1)) }
        #expect(refused.code == .notConnected)
        #expect(refused.cause == "connection refused")
        #expect(bus.runner.backoff.consecutiveFailures == 2)
        #expect(bus.runner.backoff.notBefore == bus.clock.now().adding(milliseconds: 2_000))

        bus.clock.advance(milliseconds: 2_000)
        bus.stream.replies = [[.chunk(Self.tcpReply(4, [9]), afterMicroseconds: 500)]]
        let reading = try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1))
        #expect(reading.value.registers == [9])
        #expect(bus.runner.backoff.consecutiveFailures == 0)
        #expect(bus.stream.connectAttempts.count == 3)
    }

    @Test func rtuOverTCPClosesAfterATimeoutAndRetriesOnAFreshConnection() throws {
        var bus = Fixture(settings: StreamMasterSettings(busName: "server", responseTimeoutMilliseconds: 200, retries: 1))
        bus.stream.replies = [[], [.chunk(Frames.registers(slave: 3, [0x0304]), afterMicroseconds: 8_000)]]
        let reading = try bus.runner.readRTUOverTCP(slave: 3, Frames.holding(10, 1))
        #expect(reading.value.registers == [0x0304])
        #expect(reading.report.attempts == 2)
        #expect(bus.stream.closes.count == 1)
        #expect(bus.stream.connectAttempts.count == 2)
        #expect(bus.stream.writes.allSatisfy { $0.bytes == RTURequestFrame(slave: 3, request: Frames.holding(10, 1)).bytes })
    }

    @Test func garbageOnAModbusTCPStreamIsSkippedAndTheConnectionRenewed() throws {
        var bus = Fixture()
        bus.stream.replies = [[.chunk([0xFF, 0xFF, 0xFF, 0xFF, 0xFF] + Self.tcpReply(1, [0x4242]), afterMicroseconds: 1_000)],
                              [.chunk(Self.tcpReply(2, [0x4343]), afterMicroseconds: 1_000)]]
        let reading = try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1))
        #expect(reading.value.registers == [0x4242])
        #expect(reading.report.diagnostics.discardedBytes == 5)
        #expect(bus.stream.closes.count == 1)
        #expect(try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1)).value.registers == [0x4343])
        #expect(bus.stream.connectAttempts.count == 2)
    }

    @Test func aModbusTCPExceptionIsTyped() throws {
        var bus = Fixture()
        let exception = ModbusTCPFrame(transactionID: 1, unitID: 1, pdu: [0x83, 0x02]).bytes
        bus.stream.replies = [[.chunk(exception, afterMicroseconds: 1_000)]]
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbusTCP(unit: 1, Frames.holding(0, 1)) }
        #expect(error.code == .exception)
        #expect(error.modbusException?.exception == .illegalDataAddress)
    }
}

@Suite struct BackoffPolicyTests {
    @Test func delaysGrowByTheFactorUpToTheCap() {
        let policy = BackoffPolicy(initialMilliseconds: 500, factor: 2, capMilliseconds: 5_000, jitter: 0)
        let delays = (1...8).map { policy.delayMilliseconds(afterFailures: $0, seed: 1) }
        #expect(delays == [500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000, 5_000])
        #expect(policy.delayMilliseconds(afterFailures: 0, seed: 1) == 0)
    }

    @Test(arguments: [UInt64(0), 1, 99, 0xDEAD_BEEF])
    func jitterStaysWithinItsBandAndRepeatsForASeed(seed: UInt64) {
        let policy = BackoffPolicy(initialMilliseconds: 1_000, factor: 3, capMilliseconds: 30_000, jitter: 0.25)
        let exact = BackoffPolicy(initialMilliseconds: 1_000, factor: 3, capMilliseconds: 30_000, jitter: 0)
        for failures in 1...10 {
            let delay = policy.delayMilliseconds(afterFailures: failures, seed: seed)
            let base = exact.delayMilliseconds(afterFailures: failures, seed: seed)
            #expect(delay <= base)
            #expect(Double(delay) >= Double(base) * 0.75 - 1)
            #expect(delay == policy.delayMilliseconds(afterFailures: failures, seed: seed))
        }
        // Different seeds spread the delays (devices do not reconnect in lock step).
        let spread = Set((0..<16).map { policy.delayMilliseconds(afterFailures: 3, seed: UInt64($0)) })
        #expect(spread.count > 8)
    }
}
