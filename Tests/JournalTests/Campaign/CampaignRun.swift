import AgentTesting
import Journal

/// One reentrant workload on one emulated flash: append records of mixed sizes, tick the group
/// commit, commit, consume and acknowledge, reopen; all decisions from a seeded generator, so
/// the sequence of device operations up to a power cut is the same for every cut index.
final class CampaignRun {
    struct Settings: CustomStringConvertible {
        var geometry: BlockDeviceGeometry
        var policy: OverwritePolicy = .overwriteOldest
        var consumers = ["hj212", "compact"]
        var stepsPerPhase = 120

        var description: String { "\(geometry), \(policy.rawValue), \(stepsPerPhase) steps" }
    }

    let settings: Settings
    let flash: EmulatedFlash
    let oracle = CampaignOracle()
    private(set) var journal: Journal<EmulatedFlash>?
    private var random: SplitMix64
    private var clock: Int64 = 0
    private var dataTime: Int64 = 1_800_000_000_000
    private var nextID: UInt64 = 1
    /// Prints every step, commit and error (for reproducing a failure by its seed).
    var trace = false

    init(_ settings: Settings, seed: UInt64, faults: FlashFaults = FlashFaults()) {
        self.settings = settings
        flash = EmulatedFlash(geometry: settings.geometry, faults: faults, seed: seed ^ 0x5EED)
        random = SplitMix64(seed: seed)
    }

    private var configuration: JournalConfiguration {
        JournalConfiguration(commitIntervalMilliseconds: 1000, overwritePolicy: settings.policy)
    }

    /// Formats the flash, registers the consumers and commits (no faults armed yet).
    func start() throws {
        let journal = try Journal.format(flash, configuration: configuration)
        for consumer in settings.consumers { try journal.register(consumer: consumer) }
        try journal.commit()
        try oracle.commitSucceeded(journal)
        self.journal = journal
    }

    /// Runs up to `steps` steps; returns false as soon as the power is cut.
    func run(steps: Int) throws -> Bool {
        for _ in 0..<steps {
            do {
                try step()
            } catch let error as JournalError {
                if trace { print("error: \(error)") }
                if flash.isPoweredOff { return false }
                if error.code == .full { continue }
                if error.code != .device { throw CampaignViolation(description: "unexpected journal error: \(error)") }
                try reopenIfUnusable()
            }
            if flash.isPoweredOff { return false }
        }
        return true
    }

    /// Restores power (cutting it first if it is still on) and checks the remounted journal twice.
    func cutAndRecover() throws {
        flash.cutPower()
        flash.powerOn()
        journal = nil
        try remount(afterPowerCut: true)
    }

    private func remount(afterPowerCut: Bool) throws {
        let first = try Journal(opening: flash, configuration: configuration)
        let second = try Journal(opening: flash, configuration: configuration)
        try oracle.checkRecovered(first, again: second, flash: flash, afterPowerCut: afterPowerCut)
        journal = second
    }

    private func reopenIfUnusable() throws {
        guard let journal, (try? journal.records(from: .max)) == nil else { return }
        self.journal = nil
        try remount(afterPowerCut: false)
    }

    private func step() throws {
        guard let journal else { return }
        let roll = random.nextInt(below: 100)
        if trace { print("step roll \(roll) ops \(flash.operationCount) last \(journal.lastDurableSequence) next id \(nextID)") }
        switch roll {
        case 0..<50: try append(to: journal)
        case 50..<65:
            clock += Int64(random.nextInt(below: 1400)) + 100
            if try journal.commitIfDue(now: MonotonicInstant(milliseconds: clock)) {
                if trace { print("commit ok through \(journal.lastDurableSequence) at operation \(flash.operationCount)") }
                try oracle.commitSucceeded(journal)
            }
        case 65..<72:
            try journal.commit()
            if trace { print("commit ok through \(journal.lastDurableSequence) at operation \(flash.operationCount)") }
            try oracle.commitSucceeded(journal)
        case 72..<93: try consume(from: journal)
        case 93..<96:
            self.journal = nil
            try remount(afterPowerCut: false)
        default:
            dataTime -= Int64(random.nextInt(below: 5000))  // the wall clock was stepped back
        }
    }

    private func append(to journal: Journal<EmulatedFlash>) throws {
        let extras = [0, 4, 16, 40, 120, journal.maximumPayload - 8]
        let extra = extras[random.nextInt(below: extras.count)]
        let size = 8 + random.nextInt(below: extra + 1)
        let id = nextID
        dataTime += 1000
        let payload = CampaignOracle.payload(id: id, size: size)
        try journal.append(type: CampaignOracle.dataType, timestamp: dataTime, payload: payload)
        nextID += 1
        oracle.appended(id: id, timestamp: dataTime, payload: payload)
    }

    private func consume(from journal: Journal<EmulatedFlash>) throws {
        let consumer = settings.consumers[random.nextInt(below: settings.consumers.count)]
        let batch = try journal.unacknowledged(by: consumer, limit: random.nextInt(below: 8) + 1)
        try oracle.consumed(batch)
        guard !batch.isEmpty, random.nextInt(below: 4) != 0 else { return }
        let through = batch[random.nextInt(below: batch.count)].sequence
        try journal.acknowledge(consumer, through: through)
        oracle.acknowledged(consumer, through: through)
    }
}
