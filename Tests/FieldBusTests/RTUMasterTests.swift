import AgentTesting
import FieldBus
import Testing
import Wire

/// A port error that says the device vanished (as DeviceIO's EIO/ENODEV will).
struct VanishedPort: PortFailure, CustomStringConvertible {
    var portVanished: Bool { true }
    var description: String { "read(2): EIO (input/output error)" }
}

struct PlainPortError: Error, CustomStringConvertible {
    var description: String { "write(2): EAGAIN" }
}

@Suite struct RTUMasterTests {
    @Test func anExceptionIsTypedAndNotRetried() throws {
        var bus = try BusFixture()
        bus.link.script = [[.init(Frames.exception(slave: 5, .readHoldingRegisters, 0x02))]]
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 5, Frames.holding(100, 4)) }
        #expect(error.code == .exception)
        #expect(error.modbusException?.exception == .illegalDataAddress)
        #expect(error.message.contains("illegal data address"))
        #expect(bus.link.transmissions.count == 1)
        #expect(bus.runner.statistics.exceptions == 1)
    }

    @Test func aTimeoutIsRetriedAfterT35AndTheRetrySucceeds() throws {
        var bus = try BusFixture()
        bus.link.script = [[.silence], [.init(Frames.registers(slave: 2, [7, 8]))]]
        let reading = try bus.runner.readModbus(slave: 2, Frames.holding(0, 2))
        #expect(reading.value.registers == [7, 8])
        #expect(reading.report.attempts == 2)
        #expect(reading.report.failures.map(\.code) == [.timeout])
        #expect(bus.link.transmissions.count == 2)
        #expect(bus.link.transmissions[1].silenceBefore >= bus.t35Nanoseconds)
        #expect(bus.runner.statistics.retries == 1)
    }

    @Test func allAttemptsTimingOutReportTheMillisecondsWaited() throws {
        let settings = SerialMasterSettings(busName: "bus2", responseTimeoutMilliseconds: 250, retries: 2)
        var bus = try BusFixture(settings: settings)
        let request = Frames.holding(0, 10)
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 9, request) }
        #expect(error.code == .timeout)
        #expect(bus.link.transmissions.count == 3)
        // The deadline is the timeout plus the wire time of the 25-byte reply at 9600 8E1.
        let replyWire = RTUTiming.ceilingMicroseconds(try RTUTiming(baud: 9600, parity: .even).frameMicroseconds(byteCount: 25))
        #expect(error.waitedMilliseconds == (250_000 + replyWire + 999) / 1000)
        #expect(error.message.hasPrefix("bus2: no reply to read holding registers 0+10 from slave 9"))
    }

    @Test func aCorruptReplyIsABadFrameWithTheBytesSeen() throws {
        var bus = try BusFixture(settings: SerialMasterSettings(busName: "bus1", retries: 0, badFrameSilenceMilliseconds: 20))
        var reply = Frames.registers(slave: 3, [0x0102])
        reply[reply.count - 1] ^= 0xFF
        bus.link.script = [[.init(reply)]]
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 3, Frames.holding(0, 1)) }
        #expect(error.code == .badFrame)
        #expect(error.bytesSeen == reply)
        #expect(error.message.contains("CRC"))
        // With the opt-in early end: 20 ms after the corrupt reply's last byte, not at the 1 s timeout.
        let lastByte = try #require(bus.link.arrivals.last)
        #expect(bus.clock.now() == lastByte.at.adding(milliseconds: 20))
    }

    @Test func aCorruptReplyWaitsTheFullTimeoutByDefault() throws {
        var bus = try BusFixture(settings: SerialMasterSettings(busName: "bus1", responseTimeoutMilliseconds: 300, retries: 0))
        var reply = Frames.registers(slave: 3, [0x0102])
        reply[4] ^= 0x10
        bus.link.script = [[.init(reply)]]
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 3, Frames.holding(0, 1)) }
        #expect(error.code == .badFrame)
        #expect(error.waitedMilliseconds.map { $0 >= 300 } == true)
    }

    @Test func noiseShorterThanAReplyDoesNotEndTheAttemptEarly() throws {
        var bus = try BusFixture(settings: SerialMasterSettings(busName: "bus1", badFrameSilenceMilliseconds: 20))
        // Two noise bytes, then the real reply 300 ms later: the attempt keeps listening.
        bus.link.script = [[.init([0x00, 0xFF], afterMicroseconds: 4_100), .init(Frames.registers(slave: 3, [5]), afterMicroseconds: 300_000)]]
        let reading = try bus.runner.readModbus(slave: 3, Frames.holding(0, 1))
        #expect(reading.value.registers == [5])
        #expect(reading.report.attempts == 1)
    }

    @Test func foreignFramesAndWrongFunctionsAreSkippedAndTheReplyIsFound() throws {
        var bus = try BusFixture()
        let foreign = Frames.registers(slave: 9, [0xDEAD, 0xBEEF])
        let wrongFunction = Frames.registers(slave: 3, [1], function: .readInputRegisters)
        let ours = Frames.registers(slave: 3, [0x0A0B])
        bus.link.script = [[.init(foreign, afterMicroseconds: 4_100), .init(wrongFunction, afterMicroseconds: 20_000),
                            .init(ours, afterMicroseconds: 40_000)]]
        let reading = try bus.runner.readModbus(slave: 3, Frames.holding(0, 1))
        #expect(reading.value.registers == [0x0A0B])
        #expect(reading.report.diagnostics.discardedBytes == foreign.count + wrongFunction.count)
        #expect(reading.report.attempts == 1)
    }

    @Test func aLateReplyToATimedOutAttemptIsNoiseBeforeTheRetry() throws {
        let settings = SerialMasterSettings(busName: "bus1", responseTimeoutMilliseconds: 100, retries: 1)
        var bus = try BusFixture(settings: settings)
        // The first reply comes 150 ms late: after the 100 ms deadline, while the master waits for silence.
        bus.link.script = [[.init(Frames.registers(slave: 1, [1]), afterMicroseconds: 150_000)],
                           [.init(Frames.registers(slave: 1, [2]))]]
        let reading = try bus.runner.readModbus(slave: 1, Frames.holding(0, 1))
        #expect(reading.value.registers == [2])
        #expect(reading.report.attempts == 2)
        #expect(bus.link.collisions.isEmpty)
        #expect(bus.link.transmissions.allSatisfy { $0.silenceBefore >= bus.t35Nanoseconds })
    }

    @Test func theLocalEchoIsRecognisedOnAnAutomaticLine() throws {
        var bus = try BusFixture(automatic: true)
        bus.link.echoesWrites = true
        bus.link.script = [[.init(Frames.registers(slave: 6, [99]))]]
        let reading = try bus.runner.readModbus(slave: 6, Frames.holding(1, 1))
        #expect(reading.value.registers == [99])
        #expect(reading.report.diagnostics.echoes == 1)
        #expect(reading.report.diagnostics.discardedBytes == 0)
    }

    @Test func theEchoIsFlushedBeforeReleasingAManualLine() throws {
        var bus = try BusFixture(settings: SerialMasterSettings(busName: "bus1", discardEcho: true))
        bus.link.echoesWrites = true
        bus.link.script = [[.init(Frames.registers(slave: 6, [99]))]]
        let reading = try bus.runner.readModbus(slave: 6, Frames.holding(1, 1))
        #expect(reading.value.registers == [99])
        let flush = try #require(bus.link.discards.first)
        let interval = try #require(bus.line.intervals.first)
        #expect(flush <= interval.released)
        #expect(flush >= bus.link.transmissions[0].endedAt)
        #expect(reading.report.diagnostics.echoes == 0)
        #expect(reading.report.diagnostics.discardedBytes == 0)
    }

    @Test func aBroadcastAwaitsNoReplyAndWaitsTheTurnaroundDelay() throws {
        var bus = try BusFixture()
        // A confused slave answering a broadcast is noise; it must not end the port.
        bus.link.script = [[.init(Frames.registers(slave: 1, [5]))], [.init(Frames.registers(slave: 1, [6]))]]
        let report = try bus.runner.broadcastModbus(Frames.holding(0, 1))
        let sent = try #require(bus.link.transmissions.first)
        #expect(sent.bytes.first == 0)
        let finished = try #require(report.finishedAt)
        #expect(finished >= sent.endedAt.adding(milliseconds: 100))
        #expect(report.noiseBytes == 7)
        let reading = try bus.runner.readModbus(slave: 1, Frames.holding(0, 1))
        #expect(reading.value.registers == [6])
        #expect(bus.link.transmissions[1].startedAt >= finished)
    }

    @Test func aBusThatNeverFallsSilentIsReportedBusy() throws {
        let settings = SerialMasterSettings(busName: "bus1", maximumSilenceWaitMilliseconds: 50)
        var bus = try BusFixture(settings: settings)
        // A babbling device: a byte every 2 ms for 200 ms (t3.5 at 9600 8E1 is 4 ms).
        bus.link.inject(Array(repeating: 0x5A, count: 100), startingAt: bus.clock.now(), extraGapMicroseconds: 855)
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 1, Frames.holding(0, 1)) }
        #expect(error.code == .busBusy)
        #expect(bus.link.transmissions.isEmpty)
    }

    @Test func noiseBeforeAShortExceptionDoesNotHoldItBack() throws {
        var bus = try BusFixture()
        let exception = Frames.exception(slave: 8, .readHoldingRegisters, 0x04)
        bus.link.script = [[.init([0x08, 0x03, 0x7F] + exception)]]
        let start = bus.clock.now()
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 8, Frames.holding(0, 100)) }
        #expect(error.modbusException?.exception == .serverDeviceFailure)
        // Answered as soon as the exception's last byte arrived, long before the 1 s timeout.
        #expect(bus.clock.now().milliseconds(since: start) < 100)
    }

    @Test func portFailuresNameTheBusAndStepAndReleaseTheLine() throws {
        var bus = try BusFixture(settings: SerialMasterSettings(busName: "ttyS3"))
        bus.link.failures[.write] = [PlainPortError()]
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 1, Frames.holding(0, 1)) }
        #expect(error.code == .portFailure)
        #expect(error.message.hasPrefix("ttyS3: write failed"))
        #expect(error.cause == "write(2): EAGAIN")
        #expect(bus.line.isAsserted == false)

        bus.link.failures[.read] = [VanishedPort()]
        let vanished = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 1, Frames.holding(0, 1)) }
        #expect(vanished.code == .portVanished)
        #expect(bus.runner.statistics.portFailures == 2)
    }

    @Test func readingsCarryMonotonicAndWallTimeOfAcquisition() throws {
        var bus = try BusFixture()
        bus.link.script = [[.init(Frames.registers(slave: 1, [1]))]]
        let reading = try bus.runner.readModbus(slave: 1, Frames.holding(0, 1))
        let lastByte = try #require(bus.link.arrivals.last)
        #expect(reading.monotonic == lastByte.at)
        #expect(reading.wall.nanosecondsSinceEpoch
                == bus.clock.wallOrigin.nanosecondsSinceEpoch + Int64(lastByte.at.nanoseconds))
    }

    @Test func slaveZeroAndReservedAddressesAreConfigurationErrors() throws {
        var bus = try BusFixture()
        #expect(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 0, Frames.holding(0, 1)) }
        let reserved = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 250, Frames.holding(0, 1)) }
        #expect(reserved.code == .configuration)
        let tooMany = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 1, Frames.holding(0, 126)) }
        #expect(tooMany.code == .configuration)
        #expect(bus.link.transmissions.isEmpty)
    }

    @Test func aWallClockStepMovesTimestampsButNotDeadlines() throws {
        let settings = SerialMasterSettings(busName: "bus1", responseTimeoutMilliseconds: 300, retries: 0)
        var bus = try BusFixture(settings: settings)
        bus.link.script = [[.init(Frames.registers(slave: 1, [1]))], [.silence]]
        let before = try bus.runner.readModbus(slave: 1, Frames.holding(0, 1))
        bus.clock.stepWallClock(byNanoseconds: -3_600_000_000_000)
        let start = bus.clock.now()
        let error = try #require(throws: FieldBusError.self) { try bus.runner.readModbus(slave: 1, Frames.holding(0, 1)) }
        #expect(error.code == .timeout)
        // The deadline ran on the monotonic clock: about 300 ms (+ t3.5, request and reply wire time).
        #expect((300...360).contains(bus.clock.now().milliseconds(since: start)))
        bus.link.script = [[.init(Frames.registers(slave: 1, [2]))]]
        let after = try bus.runner.readModbus(slave: 1, Frames.holding(0, 1))
        #expect(after.monotonic > before.monotonic)
        #expect(after.wall < before.wall)
    }
}
