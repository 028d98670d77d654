import AgentTesting
import Glibc
import Journal
import Testing

/// The power-cut campaign of issue 4: a reentrant workload on an emulated NOR flash, the power
/// cut at every operation index (linear sweep) and at random indexes (long runs), under every
/// cut behaviour and fault; the invariants are checked after every remount by `CampaignOracle`.
///
/// `CMMGATE_LONG_CAMPAIGN=1` multiplies the sizes (for `make test-long`). A failure prints the
/// seed, cut index and behaviour that reproduce it.
@Suite struct PowerCutCampaignTests {
    static let isLong = getenv("CMMGATE_LONG_CAMPAIGN").map { String(cString: $0) == "1" } ?? false
    static let small = BlockDeviceGeometry(programSize: 16, eraseSize: 1024, blockCount: 5)

    struct Outcome {
        var cutPoints = 0
        var failures: [String] = []
    }

    /// Cuts the power at every operation index of the first phase, for each cut behaviour, then
    /// runs a second phase after the remount and cuts it at a random index.
    @Test(arguments: [OverwritePolicy.overwriteOldest, .refuseNewRecords])
    func linearSweepOverEveryOperationIndex(policy: OverwritePolicy) throws {
        let seeds: [UInt64] = Self.isLong ? Array(1...12) : [policy == .overwriteOldest ? 7 : 11]
        var outcome = Outcome()
        for seed in seeds {
            let settings = CampaignRun.Settings(geometry: Self.small, policy: policy, stepsPerPhase: 300)
            let total = try operationsInFirstPhase(settings, seed: seed)
            for behaviour in PowerCutBehaviour.allCases {
                for cut in 0..<total where outcome.failures.count < 5 {
                    sweepTrial(settings, seed: seed, cut: cut, behaviour: behaviour, outcome: &outcome)
                }
            }
        }
        report(outcome, minimum: policy == .overwriteOldest ? 1000 : 600)
    }

    /// Long random runs: random geometry, policy, cut behaviour and cut index, transient bit flips
    /// on read, a bad block, injected EIO and ENOSPC; several power cuts per run.
    @Test func randomCutsWithEveryFault() {
        let runs = Self.isLong ? 3000 : 60
        var outcome = Outcome()
        for seed in 1...UInt64(runs) where outcome.failures.count < 5 {
            randomRun(seed: seed &* 0x2545_F491_4F6C_DD1D, outcome: &outcome)
        }
        report(outcome, minimum: runs * 4)
    }

    // MARK: trials

    private func operationsInFirstPhase(_ settings: CampaignRun.Settings, seed: UInt64) throws -> Int {
        let run = CampaignRun(settings, seed: seed)
        try run.start()
        let base = run.flash.operationCount
        let finished = try run.run(steps: settings.stepsPerPhase)
        #expect(finished, "dry run of seed \(seed) lost power without a cut")
        return run.flash.operationCount - base
    }

    private func sweepTrial(_ settings: CampaignRun.Settings, seed: UInt64, cut: Int, behaviour: PowerCutBehaviour,
                            outcome: inout Outcome) {
        var where_ = "linear sweep [\(settings)] seed \(seed) behaviour \(behaviour.rawValue) cut at operation \(cut)"
        do {
            let run = CampaignRun(settings, seed: seed)
            try run.start()
            run.flash.faults.powerCutBehaviour = behaviour
            run.flash.faults.powerCutAtOperation = run.flash.operationCount + cut
            if try run.run(steps: settings.stepsPerPhase) {
                throw CampaignViolation(description: "the workload finished before operation \(cut)")
            }
            try run.cutAndRecover()
            outcome.cutPoints += 1
            let second = Self.secondPhase(seed: seed, cut: cut, behaviour: behaviour)
            where_ += ", then \(second.behaviour.rawValue) at operation \(second.cut) of phase 2"
            run.flash.faults.powerCutBehaviour = second.behaviour
            run.flash.faults.powerCutAtOperation = second.cut
            _ = try run.run(steps: settings.stepsPerPhase / 2)
            try run.cutAndRecover()
            outcome.cutPoints += 1
        } catch {
            outcome.failures.append("\(where_): \(error)")
        }
    }

    /// The cut of the reentrant second phase of a sweep trial, derived from the first.
    static func secondPhase(seed: UInt64, cut: Int, behaviour: PowerCutBehaviour) -> (behaviour: PowerCutBehaviour, cut: Int) {
        let index = PowerCutBehaviour.allCases.firstIndex(of: behaviour)!
        var random = SplitMix64(seed: seed ^ UInt64(cut) << 20 ^ UInt64(index) << 40)
        return (PowerCutBehaviour.allCases[random.nextInt(below: PowerCutBehaviour.allCases.count)], random.nextInt(below: 60))
    }

    func randomRun(seed: UInt64, outcome: inout Outcome, trace: Bool = false) {
        var random = SplitMix64(seed: seed)
        let programSize = [16, 64, 256][random.nextInt(below: 3)]
        let eraseSize = [1024, 2048, 4096][random.nextInt(below: 3)]
        let geometry = BlockDeviceGeometry(programSize: programSize, eraseSize: eraseSize,
                                           blockCount: 3 + random.nextInt(below: 6))
        let policy: OverwritePolicy = random.nextInt(below: 4) == 0 ? .refuseNewRecords : .overwriteOldest
        let settings = CampaignRun.Settings(geometry: geometry, policy: policy, stepsPerPhase: 150)
        var faults = FlashFaults(readBitFlipOneIn: 400)
        if random.nextInt(below: 3) == 0 { faults.badBlocks = [random.nextInt(below: geometry.blockCount)] }
        let run = CampaignRun(settings, seed: seed, faults: faults)
        run.trace = trace
        var phase = 0
        do {
            try run.start()
            for cycle in 0..<5 {
                phase = cycle
                let cut = random.nextInt(below: 200)
                run.flash.faults.powerCutBehaviour = PowerCutBehaviour.allCases.randomElement(using: &random)!
                run.flash.faults.powerCutAtOperation = cut
                run.flash.faults.failures = [random.nextInt(below: 200): random.next() & 1 == 0 ? .ioError : .noSpace]
                if trace { print("cycle \(cycle): cut \(cut) \(run.flash.faults)") }
                _ = try run.run(steps: settings.stepsPerPhase)
                try run.cutAndRecover()
                outcome.cutPoints += 1
            }
        } catch {
            outcome.failures.append("random run [\(settings)] seed \(seed) cycle \(phase): \(error)")
        }
    }

    private func report(_ outcome: Outcome, minimum: Int) {
        for failure in outcome.failures {
            print("power-cut campaign failure: \(failure)")
            Issue.record(Comment(rawValue: failure))
        }
        #expect(outcome.cutPoints >= minimum, "only \(outcome.cutPoints) cut points were exercised")
        print("power-cut campaign: \(outcome.cutPoints) cut points, \(outcome.failures.count) failures")
    }
}
