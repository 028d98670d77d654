import FieldBus
import Testing
import Wire

/// The state machine alone: events and `now` in, actions out, no fakes, no clock.
@Suite struct SerialTransactionTests {
    let timing = try! RTUTiming(baud: 9600, parity: .even)

    func machine(automatic: Bool, guardMicroseconds: Int = 250, slave: UInt8 = 1,
                 settings: SerialMasterSettings = SerialMasterSettings(busName: "bus1"),
                 lastActivity: MonotonicInstant = .zero) throws -> SerialTransaction<ModbusRTUReplyMatcher> {
        let plan = try TurnaroundPlan(timing: timing, isAutomatic: automatic, guardMicroseconds: guardMicroseconds)
        let matcher = try ModbusRTUReplyMatcher(RTURequestFrame(slave: slave, request: Frames.holding(0, 1)))
        return SerialTransaction(matcher: matcher, plan: plan, settings: settings, lastBusActivity: lastActivity)
    }

    @Test func aManualLineRunsTheFullTurnaroundSequence() throws {
        var transaction = try machine(automatic: false)
        let t0 = MonotonicInstant(nanoseconds: 10_000_000_000)
        let request = RTURequestFrame(slave: 1, request: Frames.holding(0, 1)).bytes
        #expect(transaction.handle(.start, now: t0) == .listen(until: t0))
        #expect(transaction.handle(.received([]), now: t0) == .assertTransmit)
        #expect(transaction.handle(.done, now: t0) == .write(request))
        #expect(transaction.handle(.done, now: t0) == .drain)
        let drained = t0.adding(microseconds: 8_021)
        let release = drained.adding(nanoseconds: transaction.plan.characterNanoseconds).adding(microseconds: 250)
        #expect(transaction.handle(.done, now: drained) == .sleep(until: release))
        #expect(transaction.handle(.done, now: release) == .releaseTransmit)
        guard case .listen(let deadline) = transaction.handle(.done, now: release) else { Issue.record("not listening"); return }
        #expect(deadline > release.adding(milliseconds: 1_000))
        let reply = Frames.registers(slave: 1, [77])
        #expect(transaction.handle(.received(Array(reply.prefix(3))), now: release.adding(milliseconds: 5)) == .listen(until: deadline))
        #expect(transaction.handle(.received(Array(reply.dropFirst(3))), now: release.adding(milliseconds: 8)) == .finished)
        guard case .reply(let value, let at)? = transaction.outcome else { Issue.record("no reply"); return }
        #expect(value.registers == [77])
        #expect(at == release.adding(milliseconds: 8))
        #expect(transaction.lastBusActivity == at)
    }

    @Test func recentActivityDelaysTheRequestByT35AndNoiseRestartsTheCount() throws {
        let t0 = MonotonicInstant(nanoseconds: 10_000_000_000)
        var transaction = try machine(automatic: true, lastActivity: t0)
        let t35 = t0.adding(nanoseconds: transaction.plan.silenceNanoseconds)
        #expect(transaction.handle(.start, now: t0) == .listen(until: t35))
        let noiseAt = t0.adding(microseconds: 2_000)
        #expect(transaction.handle(.received([0x00]), now: noiseAt) == .listen(until: noiseAt.adding(nanoseconds: transaction.plan.silenceNanoseconds)))
        let quiet = noiseAt.adding(nanoseconds: transaction.plan.silenceNanoseconds)
        #expect(transaction.handle(.received([]), now: quiet) == .write(RTURequestFrame(slave: 1, request: Frames.holding(0, 1)).bytes))
        #expect(transaction.report.noiseBytes == 1)
    }

    @Test func anUnexpectedEventEndsTheTransactionInsteadOfTrapping() throws {
        var transaction = try machine(automatic: false)
        #expect(transaction.handle(.done, now: .zero) == .finished)
        guard case .failed(let error)? = transaction.outcome else { Issue.record("no failure"); return }
        #expect(error.code == .configuration)
    }
}
