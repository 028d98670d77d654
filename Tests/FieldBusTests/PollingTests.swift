import AgentTesting
import FieldBus
import Testing
import Wire

/// Planner → schedule → runner over a simulated bus of slaves that answer every read with
/// register value = address, so each configured read can be checked against its own addresses.
@Suite struct PollingTests {
    static func addressEchoingSlave(_ request: [UInt8]) -> [ScriptedSerialLink.ScriptedReply] {
        guard request.count == 8, request[0] != 0 else { return [] }
        let start = UInt16(request[2]) << 8 | UInt16(request[3])
        let count = UInt16(request[4]) << 8 | UInt16(request[5])
        guard let function = ModbusFunction(rawValue: request[1]), !function.readsBits else { return [] }
        let values = (0..<count).map { start &+ $0 }
        return [.init(RTUReplyFrame(slave: request[0], reply: .normal(.registers(function, values))).bytes, afterMicroseconds: 8_000)]
    }

    @Test func aPlannedBusPollsEveryReadAtItsPeriodWithItsOwnRegisters() throws {
        var bus = try BusFixture()
        bus.link.responder = Self.addressEchoingSlave
        let reads = [
            PollRead(id: "flow", source: .modbus(slave: 1, function: .readHoldingRegisters, address: 100, count: 2), periodMilliseconds: 1_000),
            PollRead(id: "ch4", source: .modbus(slave: 1, function: .readHoldingRegisters, address: 102, count: 2), periodMilliseconds: 1_000),
            PollRead(id: "temp", source: .modbus(slave: 2, function: .readInputRegisters, address: 7, count: 1), periodMilliseconds: 1_000),
            PollRead(id: "energy", source: .modbus(slave: 1, function: .readHoldingRegisters, address: 104, count: 4), periodMilliseconds: 10_000),
        ]
        let requests = try PollPlanner().plan(reads)
        #expect(requests.count == 3)
        let budget = BusBudget(plan: bus.runner.plan, replyLatencyMicroseconds: 8_000)
        #expect(budget.report(requests).isFeasible)
        var schedule = PollSchedule(requests: requests, start: bus.clock.now())
        var seen: [String: [Acquired<PolledValue>]] = [:]
        let end = bus.clock.now().adding(milliseconds: 20_000)
        while bus.clock.now() < end, let results = try bus.runner.pollNext(&schedule) {
            for result in results { seen[result.readID, default: []].append(try result.result.get()) }
        }
        #expect(seen["flow"]?.first?.value == .registers([100, 101]))
        #expect(seen["ch4"]?.first?.value == .registers([102, 103]))
        #expect(seen["temp"]?.first?.value == .registers([7]))
        #expect(seen["energy"]?.first?.value == .registers([104, 105, 106, 107]))
        #expect((20...21).contains(seen["flow"]?.count ?? 0))
        #expect((2...3).contains(seen["energy"]?.count ?? 0))
        #expect(schedule.missedSlots.allSatisfy { $0 == 0 })
        // After the first read (which also waited out the initial t3.5 since the port was
        // opened), consecutive 1 s reads are exactly 1 s apart on the monotonic clock: no drift.
        let flowTimes = (seen["flow"] ?? []).map(\.monotonic)
        #expect(flowTimes[1].nanoseconds(since: flowTimes[0]) == 1_000_000_000 - bus.t35Nanoseconds)
        for (earlier, later) in zip(flowTimes.dropFirst(), flowTimes.dropFirst(2)) {
            #expect(later.nanoseconds(since: earlier) == 1_000_000_000)
        }
        #expect(bus.link.transmissions.allSatisfy { $0.silenceBefore >= bus.t35Nanoseconds })
    }

    @Test func aDeviceFailureIsAPerReadResultAndThePollGoesOn() throws {
        var bus = try BusFixture(settings: SerialMasterSettings(busName: "bus1", responseTimeoutMilliseconds: 100, retries: 0))
        bus.link.responder = { request in request[0] == 2 ? [] : Self.addressEchoingSlave(request) }
        let reads = [
            PollRead(id: "alive", source: .modbus(slave: 1, function: .readHoldingRegisters, address: 0, count: 1), periodMilliseconds: 1_000),
            PollRead(id: "dead", source: .modbus(slave: 2, function: .readHoldingRegisters, address: 0, count: 1), periodMilliseconds: 1_000),
        ]
        var schedule = PollSchedule(requests: try PollPlanner().plan(reads), start: bus.clock.now())
        var outcomes: [String: [Bool]] = [:]
        for _ in 0..<6 {
            for result in try bus.runner.pollNext(&schedule) ?? [] {
                if case .success = result.result { outcomes[result.readID, default: []].append(true) } else {
                    outcomes[result.readID, default: []].append(false)
                    if case .failure(let error) = result.result { #expect(error.code == .timeout) }
                }
            }
        }
        // The dead slave is tried at 0 s and 1 s; silent twice, it goes on probation (next try
        // 2 s later), so the six polls are alive at 0, 1, 2, 3 s and dead at 0, 1 s.
        #expect(outcomes["alive"] == [true, true, true, true])
        #expect(outcomes["dead"] == [false, false])
        #expect(schedule.consecutiveSilences == [0, 2])
    }

    @Test func aVanishedPortIsThrownAndTheRunnerResumesOnAReopenedPort() throws {
        var bus = try BusFixture()
        bus.link.responder = Self.addressEchoingSlave
        bus.link.failures[.write] = [VanishedPort()]
        let reads = [PollRead(id: "flow", source: .modbus(slave: 1, function: .readHoldingRegisters, address: 5, count: 1), periodMilliseconds: 1_000)]
        var schedule = PollSchedule(requests: try PollPlanner().plan(reads), start: bus.clock.now())
        let error = try #require(throws: FieldBusError.self) { try bus.runner.pollNext(&schedule) }
        #expect(error.code == .portVanished)
        var backoff = ReconnectBackoff(policy: BackoffPolicy(initialMilliseconds: 200, jitter: 0), seed: 1)
        let retryAt = backoff.recordFailure(at: bus.clock.now())
        bus.clock.advance(to: retryAt)
        let fresh = ScriptedSerialLink(format: bus.link.characterFormat, clock: bus.clock)
        fresh.responder = Self.addressEchoingSlave
        bus.runner.reopened(link: fresh, direction: bus.line)
        let results = try #require(try bus.runner.pollNext(&schedule))
        #expect(try results[0].result.get().value == .registers([5]))
        #expect(fresh.transmissions[0].silenceBefore >= bus.t35Nanoseconds)
    }
}
