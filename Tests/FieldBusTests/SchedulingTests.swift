import AgentTesting
import FieldBus
import Testing
import Wire

@Suite struct PollPlannerTests {
    func modbus(_ id: String, slave: UInt8 = 1, function: ModbusFunction = .readHoldingRegisters,
                _ address: UInt16, _ count: UInt16, every period: Int = 1_000) -> PollRead {
        PollRead(id: id, source: .modbus(slave: slave, function: function, address: address, count: count), periodMilliseconds: period)
    }

    @Test func adjacentRegistersOfOneSlaveAndFunctionBecomeOneRequest() throws {
        let reads = [modbus("flow", 0, 2), modbus("ch4", 2, 2), modbus("temp", 4, 1), modbus("other-slave", slave: 2, 5, 1),
                     modbus("input", function: .readInputRegisters, 5, 1)]
        let requests = try PollPlanner().plan(reads)
        #expect(requests.count == 3)
        let first = try #require(requests.first)
        #expect(first.kind == .modbus(slave: 1, ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 5)))
        #expect(first.members.map(\.readID) == ["flow", "ch4", "temp"])
        #expect(first.members.map(\.offset) == [0, 2, 4])
        #expect(first.bridgedCount == 0)
    }

    @Test func gapsAreBridgedOnlyUpToTheConfiguredMaximum() throws {
        let reads = [modbus("a", 0, 2), modbus("b", 5, 2), modbus("c", 20, 1)]
        #expect(try PollPlanner(maximumGap: 0).plan(reads).count == 3)
        let bridged = try PollPlanner(maximumGap: 3).plan(reads)
        #expect(bridged.count == 2)
        #expect(bridged[0].kind == .modbus(slave: 1, ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 7)))
        #expect(bridged[0].bridgedCount == 3)
    }

    @Test func requestsAreSplitAtTheProtocolLimit() throws {
        // 70 two-register reads back to back: 140 registers, more than 125.
        let reads = (0..<70).map { modbus("r\($0)", UInt16($0 * 2), 2) }
        let requests = try PollPlanner().plan(reads)
        #expect(requests.count == 2)
        for request in requests {
            guard case .modbus(_, let read) = request.kind else { Issue.record("not modbus"); continue }
            #expect(read.quantity <= 125)
            #expect(throws: Never.self) { try read.validate() }
        }
        #expect(requests.flatMap(\.members).count == 70)
        // Bits have their own limit (2 000), and a per-bus cap can be lower.
        let coils = (0..<30).map { modbus("c\($0)", function: .readCoils, UInt16($0 * 100), 100) }
        #expect(try PollPlanner().plan(coils).count == 2)
        #expect(try PollPlanner(maximumRegisters: 16).plan((0..<8).map { modbus("s\($0)", UInt16($0 * 4), 4) }).count == 2)
    }

    @Test func readsWithDifferentPeriodsAreNotCoalesced() throws {
        let reads = [modbus("flow", 0, 2), modbus("energy", 2, 4, every: 60_000), modbus("ch4", 6, 2)]
        let requests = try PollPlanner(maximumGap: 4).plan(reads)
        #expect(requests.map(\.periodMilliseconds).sorted() == [1_000, 60_000])
        #expect(requests.first { $0.periodMilliseconds == 1_000 }?.members.map(\.readID) == ["flow", "ch4"])
    }

    @Test func overlappingReadsShareRegisters() throws {
        let requests = try PollPlanner().plan([modbus("wide", 10, 4), modbus("inner", 11, 2)])
        #expect(requests.count == 1)
        #expect(requests[0].members.map(\.offset) == [0, 1])
        #expect(requests[0].kind == .modbus(slave: 1, ModbusReadRequest(function: .readHoldingRegisters, startAddress: 10, quantity: 4)))
    }

    @Test func badReadsAreConfigurationErrors() {
        #expect(throws: FieldBusError.self) { try PollPlanner().plan([modbus("a", 0, 1), modbus("a", 1, 1)]) }
        #expect(throws: FieldBusError.self) { try PollPlanner().plan([modbus("big", 0, 126)]) }
        #expect(throws: FieldBusError.self) { try PollPlanner().plan([modbus("end", 65_535, 2)]) }
        #expect(throws: FieldBusError.self) { try PollPlanner().plan([modbus("never", 0, 1, every: 0)]) }
    }
}

@Suite struct BusBudgetTests {
    func budget(baud: Int, guardMicroseconds: Int = 0, latency: Int = 10_000) throws -> BusBudget {
        let plan = try TurnaroundPlan(timing: RTUTiming(baud: baud, parity: .even), isAutomatic: false,
                                      guardMicroseconds: guardMicroseconds)
        return BusBudget(plan: plan, replyLatencyMicroseconds: latency)
    }

    func sixteenPoints(period: Int = 1_000) -> [PollRequest] {
        (0..<16).map { index in
            PollRequest(kind: .modbus(slave: UInt8(index + 1), ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 2)),
                        periodMilliseconds: period, members: [.init(readID: "p\(index)", offset: 0, count: 2)])
        }
    }

    @Test func aTransactionCostsSilenceWireTurnaroundAndLatency() throws {
        let budget = try budget(baud: 9600, guardMicroseconds: 300, latency: 12_000)
        let request = sixteenPoints()[0]
        // 9600 8E1: 11 bits per character; request 8 bytes, reply to 2 registers 9 bytes.
        let character = 11.0 * 1_000_000 / 9600
        let expected = 3.5 * character + 8 * character + 300 + 12_000 + 9 * character
        #expect(abs(budget.transactionMicroseconds(request) - expected) < 0.001)
    }

    @Test func aSlowBusReportsThePeriodItCannotMeet() throws {
        // 16 points at 1 s: fine at 9600 baud, impossible at 1200 baud with 50 ms latency.
        let fast = try budget(baud: 9600).report(sixteenPoints())
        #expect(fast.isFeasible)
        #expect(fast.load < 1)
        let slow = try budget(baud: 1200, latency: 50_000).report(sixteenPoints())
        #expect(!slow.isFeasible)
        #expect(slow.unmet.map(\.periodMilliseconds) == [1_000])
        #expect(slow.description.contains("period 1000 ms: 16 requests"))
        #expect(slow.description.contains("CANNOT be met"))
    }

    @Test func aLongSlowTransactionCanBlockAShortPeriod() throws {
        let budget = try budget(baud: 1200, latency: 5_000)
        let fastPoint = PollRequest(kind: .modbus(slave: 1, ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 1)),
                                    periodMilliseconds: 1_000, members: [.init(readID: "flow", offset: 0, count: 1)])
        let bigEnergyBlock = PollRequest(kind: .modbus(slave: 2, ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 125)),
                                         periodMilliseconds: 60_000, members: [.init(readID: "energy", offset: 0, count: 125)])
        // Alone the fast point fits; behind a 125-register reply at 1200 baud (≈ 2.3 s) it cannot.
        #expect(budget.report([fastPoint]).isFeasible)
        let report = budget.report([fastPoint, bigEnergyBlock])
        #expect(report.unmet.map(\.periodMilliseconds) == [1_000])
        #expect(report.periods.last?.isMet == true)
    }
}

@Suite struct PollScheduleTests {
    func request(_ id: String, period: Int) -> PollRequest {
        PollRequest(kind: .modbus(slave: 1, ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 1)),
                    periodMilliseconds: period, members: [.init(readID: id, offset: 0, count: 1)])
    }

    @Test func theEarliestDueRunsFirstAndShorterPeriodsWinTies() {
        let start = MonotonicInstant(nanoseconds: 5_000_000_000)
        var schedule = PollSchedule(requests: [request("energy", period: 60_000), request("flow", period: 1_000)], start: start)
        #expect(schedule.due(at: start) == 1)
        schedule.completed(1, at: start.adding(milliseconds: 30))
        #expect(schedule.due(at: start.adding(milliseconds: 30)) == 0)
        schedule.completed(0, at: start.adding(milliseconds: 60))
        let next = schedule.next()
        #expect(next?.index == 1)
        #expect(next?.due == start.adding(milliseconds: 1_000))
        #expect(schedule.due(at: start.adding(milliseconds: 999)) == nil)
    }

    @Test func periodsDoNotDriftAndMissedSlotsAreCounted() {
        let start = MonotonicInstant(nanoseconds: 1_000_000_000)
        var schedule = PollSchedule(requests: [request("flow", period: 1_000)], start: start)
        // Late by 300 ms: runs late, the next slot stays on the 1 s grid.
        schedule.completed(0, at: start.adding(milliseconds: 300))
        #expect(schedule.nextDue[0] == start.adding(milliseconds: 1_000))
        // The 1 s slot's read ends at 3.5 s: the 2 s slot is a whole period behind and is
        // skipped (reported); the 3 s slot is less than a period behind and runs late at once.
        schedule.completed(0, at: start.adding(milliseconds: 3_500))
        #expect(schedule.missedSlots[0] == 1)
        #expect(schedule.nextDue[0] == start.adding(milliseconds: 3_000))
        #expect(schedule.due(at: start.adding(milliseconds: 3_500)) == 0)
    }

    @Test func aSilentDeviceIsTriedLessOftenUntilItAnswersSoItCannotStarveTheBus() {
        let start = MonotonicInstant(nanoseconds: 1_000_000_000)
        var schedule = PollSchedule(requests: [request("dead", period: 1_000), request("live", period: 1_000)], start: start)
        schedule.probationCapMilliseconds = 8_000
        // A first silence may be noise: back on the grid.
        schedule.completed(0, at: start.adding(milliseconds: 900), silent: true)
        #expect(schedule.nextDue[0] == start.adding(milliseconds: 1_000))
        // Then 2, 4, 8 periods after each silent try, capped at 8 s.
        var now = start.adding(milliseconds: 3_000)
        for expected in [2_000, 4_000, 8_000, 8_000] {
            schedule.completed(0, at: now, silent: true)
            #expect(schedule.nextDue[0] == now.adding(milliseconds: expected))
            now = schedule.nextDue[0].adding(milliseconds: 900)
        }
        #expect(schedule.consecutiveSilences == [5, 0])
        // The live request keeps its 1 s grid meanwhile: it is due before the dead one.
        #expect(schedule.next()?.index == 1)
        // The first answer puts the dead one back on its period.
        schedule.completed(0, at: now, silent: false)
        #expect(schedule.consecutiveSilences[0] == 0)
        #expect(schedule.nextDue[0].milliseconds(since: now) <= 1_000)
        #expect(PollResult.deviceSilent([PollResult(readID: "a", result: .failure(FieldBusError(.timeout, "t")))]))
        #expect(!PollResult.deviceSilent([PollResult(readID: "a", result: .failure(FieldBusError(.exception, "02")))]))
        #expect(!PollResult.deviceSilent([]))
    }

    @Test func aSimulatedBusKeepsEveryPeriodItsBudgetSaysItCanMeet() throws {
        // Drive a schedule with a fake bus whose transactions take their budgeted time.
        let plan = try TurnaroundPlan(timing: RTUTiming(baud: 9600, parity: .even), isAutomatic: false, guardMicroseconds: 200)
        let budget = BusBudget(plan: plan, replyLatencyMicroseconds: 15_000)
        let requests = (0..<12).map { request("p\($0)", period: $0 < 10 ? 1_000 : 10_000) }
        #expect(budget.report(requests).isFeasible)
        let clock = ManualClock()
        var schedule = PollSchedule(requests: requests, start: clock.now())
        var lateness: [Int] = []
        while clock.now() < MonotonicInstant(nanoseconds: 31_000_000_000) {
            guard let index = schedule.due(at: clock.now()) else {
                clock.advance(to: schedule.next()!.due)
                continue
            }
            lateness.append(clock.now().milliseconds(since: schedule.nextDue[index]))
            clock.advance(microseconds: Int(budget.transactionMicroseconds(requests[index]).rounded(.up)))
            schedule.completed(index, at: clock.now())
        }
        #expect(schedule.missedSlots.allSatisfy { $0 == 0 })
        #expect(lateness.max()! < 1_000)
    }
}
