import AgentTesting
import FieldBus
import Testing
import Wire

/// The RS-485 turnaround proofs under a manual clock (issue 3, DESIGN.md "Behaviours worth
/// getting exactly right"): DE before the first byte, released only after drain + the last
/// character + guard, never while a reply can arrive, and t3.5 silence before every request.
@Suite struct TurnaroundTimingTests {
    @Test func directionIsAssertedBeforeTheFirstByteAndReleasedAfterTheLastStopBitPlusGuard() throws {
        var bus = try BusFixture(guardMicroseconds: 300)
        bus.link.script = [[.init(Frames.registers(slave: 7, [0x1234, 0x5678]), afterMicroseconds: 4_100)]]
        let reading = try bus.runner.readModbus(slave: 7, Frames.holding(0x10, 2))
        #expect(reading.value.registers == [0x1234, 0x5678])

        let request = try #require(bus.link.transmissions.first)
        let interval = try #require(bus.line.intervals.first)
        #expect(bus.line.intervals.count == 1)
        #expect(interval.asserted <= request.startedAt)
        // Released no earlier than the last stop bit + guard, and within one character of that.
        let earliestRelease = request.endedAt.adding(microseconds: 300)
        #expect(interval.released >= earliestRelease)
        #expect(interval.released.nanoseconds(since: earliestRelease) <= bus.characterNanoseconds)
        // The drain came before the release, and the release before the reply's first start bit.
        let drain = try #require(bus.link.drains.first)
        #expect(drain < interval.released)
        let firstReplyByte = try #require(bus.link.arrivals.first { !$0.isEcho })
        #expect(interval.released < firstReplyByte.startedAt)
        #expect(bus.link.collisions.isEmpty)
        #expect(reading.monotonic == bus.link.arrivals.last?.at)
    }

    @Test func everyRequestFollowsAtLeastT35OfSilenceIncludingReceivedNoise() throws {
        var bus = try BusFixture()
        let start = bus.clock.now()
        // Noise on the bus just before and around the first request, then replies.
        bus.link.inject([0x55, 0xAA, 0x01], startingAt: start)
        bus.link.inject([0xFF], startingAt: start.adding(microseconds: 3_000))
        bus.link.script = [
            [.init(Frames.registers(slave: 1, [1]))],
            [.init(Frames.registers(slave: 2, [2]), afterMicroseconds: 1_500)],
            [.init(Frames.registers(slave: 3, [3]), afterMicroseconds: 20_000)],
        ]
        for slave in UInt8(1)...3 {
            let reading = try bus.runner.readModbus(slave: slave, Frames.holding(0, 1))
            #expect(reading.value.registers == [UInt16(slave)])
        }
        #expect(bus.link.transmissions.count == 3)
        for transmission in bus.link.transmissions {
            #expect(transmission.silenceBefore >= bus.t35Nanoseconds)
        }
        #expect(bus.runner.statistics.noiseBytes == 4)
        #expect(bus.link.collisions.isEmpty)
        // The first request waited for t3.5 after the last noise byte, not merely after start.
        let lastNoise = try #require(bus.link.arrivals.filter { $0.byte == 0xFF }.last)
        #expect(bus.link.transmissions[0].startedAt >= lastNoise.at.adding(nanoseconds: bus.t35Nanoseconds))
    }
}

@Suite struct TurnaroundPropertyTests {
    /// Seeded: random baud, parity, guard, slave latency (≥ t3.5, as §2.5.1.1 requires of a
    /// slave) and retries; every transaction keeps the turnaround rules.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func turnaroundRulesHoldForRandomFormatsAndLatencies(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let bauds = [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200]
        let baud = bauds[random.nextInt(below: bauds.count)]
        let parity: SerialCharacterFormat.Parity = [.none, .even, .odd][random.nextInt(below: 3)]
        let timing = try RTUTiming(baud: baud, parity: parity)
        let guardLimit = Int(timing.t35Microseconds - timing.characterMicroseconds)
        let guardTime = random.nextInt(below: max(1, guardLimit))
        var bus = try BusFixture(baud: baud, parity: parity, guardMicroseconds: guardTime)
        let t35 = Int(timing.t35Microseconds.rounded(.up))
        for index in 0..<6 {
            let slave = UInt8(1 + index)
            let latency = t35 + random.nextInt(below: 50_000)
            let silent = random.nextInt(below: 3) == 0
            bus.link.script.append(silent ? [.silence] : [.init(Frames.registers(slave: slave, [UInt16(index)]), afterMicroseconds: latency)])
            if silent { bus.link.script.append([.init(Frames.registers(slave: slave, [UInt16(index)]), afterMicroseconds: latency)]) }
            let reading = try bus.runner.readModbus(slave: slave, Frames.holding(0, 1))
            #expect(reading.value.registers == [UInt16(index)])
        }
        #expect(bus.line.intervals.count == bus.link.transmissions.count)
        for (interval, sent) in zip(bus.line.intervals, bus.link.transmissions) {
            #expect(interval.asserted <= sent.startedAt)
            #expect(interval.released >= sent.endedAt.adding(microseconds: guardTime))
            #expect(sent.silenceBefore >= bus.t35Nanoseconds)
            // No byte from a slave starts while the line is still driven.
            let overlapping = bus.link.arrivals.filter { !$0.isEcho && $0.startedAt < interval.released && $0.at > interval.asserted }
            #expect(overlapping.isEmpty)
        }
        #expect(bus.link.collisions.isEmpty)
    }

    @Test func aGuardThatWouldOverlapAReplyIsRefused() throws {
        let timing = try RTUTiming(baud: 9600, parity: .even)
        let limit = Int(timing.t35Microseconds - timing.characterMicroseconds)
        #expect(throws: FieldBusError.self) { try TurnaroundPlan(timing: timing, isAutomatic: false, guardMicroseconds: limit + 1) }
        let plan = try TurnaroundPlan(timing: timing, isAutomatic: false, guardMicroseconds: limit - 1)
        #expect(plan.guardMicroseconds == limit - 1)
        // Automatic direction never holds the line, so no guard limit applies.
        #expect(try TurnaroundPlan(timing: timing, isAutomatic: true, guardMicroseconds: 50_000).isAutomatic)
    }

    @Test func automaticDirectionNeitherAssertsNorWaitsAndHearsAFastReply() throws {
        var bus = try BusFixture(automatic: true)
        // A reply 1 ms after the request: well inside where a manual line would still be held.
        bus.link.script = [[.init(Frames.registers(slave: 4, [42]), afterMicroseconds: 1_000)]]
        let reading = try bus.runner.readModbus(slave: 4, Frames.holding(3, 1))
        #expect(reading.value.registers == [42])
        #expect(bus.line.records.isEmpty)
        // Listening began at drain: the only sleep is none.
        #expect(bus.clock.sleeps.isEmpty)
    }
}
