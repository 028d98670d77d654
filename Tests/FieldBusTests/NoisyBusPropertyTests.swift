import AgentTesting
import FieldBus
import Testing
import Wire

/// Seeded: random noise and foreign frames around the reply, random latencies and corruptions.
/// The master never returns a wrong value, never loses the port, keeps t3.5 before every
/// request, and the transaction after a failure succeeds.
@Suite struct NoisyBusPropertyTests {
    @Test(arguments: Array(UInt64(100)..<UInt64(116)))
    func noiseNeverYieldsAWrongValueOrKillsThePort(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var bus = try BusFixture(settings: SerialMasterSettings(busName: "noisy", responseTimeoutMilliseconds: 200, retries: 1))
        for round in 0..<10 {
            let slave = UInt8(1 + random.nextInt(below: 5))
            let value = UInt16(truncatingIfNeeded: random.next())
            var chunks: [ScriptedSerialLink.ScriptedReply] = []
            if random.nextInt(below: 2) == 0 {
                let noise = (0..<(1 + random.nextInt(below: 6))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                chunks.append(.init(noise, afterMicroseconds: 4_100 + random.nextInt(below: 3_000)))
            }
            if random.nextInt(below: 3) == 0 {
                chunks.append(.init(Frames.registers(slave: slave &+ 10, [0xFFFF]), afterMicroseconds: 10_000))
            }
            var reply = Frames.registers(slave: slave, [value])
            let corrupt = random.nextInt(below: 4) == 0
            if corrupt { reply[random.nextInt(below: reply.count)] ^= UInt8(1 + random.nextInt(below: 255)) }
            chunks.append(.init(reply, afterMicroseconds: 30_000 + random.nextInt(below: 20_000)))
            bus.link.script = [chunks, [.init(Frames.registers(slave: slave, [value]), afterMicroseconds: 20_000)]]
            do {
                let reading = try bus.runner.readModbus(slave: slave, Frames.holding(0, 1))
                #expect(reading.value.registers == [value], "seed \(seed) round \(round)")
            } catch {
                #expect([.timeout, .badFrame].contains(error.code), "seed \(seed) round \(round): \(error)")
            }
            bus.link.script = []
        }
        #expect(bus.link.transmissions.allSatisfy { $0.silenceBefore >= bus.t35Nanoseconds })
        #expect(bus.link.collisions.isEmpty)
        #expect(bus.runner.statistics.portFailures == 0)
    }
}
