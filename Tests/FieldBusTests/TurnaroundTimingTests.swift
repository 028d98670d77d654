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
    }
}
