import AgentTesting
import Journal

/// A broken invariant found by the power-cut campaign (printed with the seed and cut index).
struct CampaignViolation: Error, CustomStringConvertible {
    var description: String
}

/// What the campaign knows independently of the journal: every record appended (its payload
/// starts with a unique 8-byte id), which of them a successful commit made durable, the
/// acknowledgements issued, and every gap event seen. After each remount it checks the journal
/// against the invariants of issue 4.
final class CampaignOracle {
    static let dataType = RecordType(rawValue: 0x10)

    private struct Appended {
        var timestamp: Int64
        var payload: [UInt8]
    }

    private var appended: [UInt64: Appended] = [:]
    /// Appended since the last successful commit: may or may not survive a cut.
    private var uncommitted: Set<UInt64> = []
    /// Made durable by a commit that returned (or found on flash after a power cut).
    private var durable: Set<UInt64> = []
    /// Appended but gone at a remount: must never come back.
    private var lost: Set<UInt64> = []
    private var sequenceOf: [UInt64: UInt64] = [:]
    private var gaps: [GapEvent] = []
    /// Highest acknowledgement ever issued per consumer (in memory, durable or not).
    private var acknowledgedEver: [String: UInt64] = [:]
    /// Cursor known durable per consumer.
    private var durableCursor: [String: UInt64] = [:]
    private var lastSeenSequence: UInt64 = 0
    private(set) var checks = 0

    static func payload(id: UInt64, size: Int) -> [UInt8] {
        var bytes = withUnsafeBytes(of: id.littleEndian) { Array($0) }
        var state = id &* 0x9E37_79B9_7F4A_7C15
        while bytes.count < size {
            state ^= state << 7
            state ^= state >> 9
            bytes.append(UInt8(truncatingIfNeeded: state))
        }
        return bytes
    }

    static func id(of record: JournalRecord) -> UInt64? {
        guard record.payload.count >= 8 else { return nil }
        return record.payload.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    func appended(id: UInt64, timestamp: Int64, payload: [UInt8]) {
        appended[id] = Appended(timestamp: timestamp, payload: payload)
        uncommitted.insert(id)
    }

    func acknowledged(_ consumer: String, through sequence: UInt64) {
        acknowledgedEver[consumer] = max(acknowledgedEver[consumer] ?? 0, sequence)
    }

    /// A commit returned: everything appended before it is durable; learn the new sequences.
    func commitSucceeded(_ journal: Journal<EmulatedFlash>) throws {
        for consumer in journal.consumers {
            durableCursor[consumer] = journal.acknowledged(by: consumer)
        }
        let fresh = try journal.records(from: lastSeenSequence + 1)
        try learn(fresh)
        // On a tiny ring one commit can wrap it and overwrite records it wrote itself; then a gap
        // record of this commit must cover everything from the previous commit's end on. (Records
        // a consumer already read have a known sequence: the remount check covers them.)
        let overwritten = uncommitted.filter { sequenceOf[$0] == nil }
        if !overwritten.isEmpty {
            // Every sequence reclaimed since the last commit (below the oldest retained one) was
            // acknowledged by every consumer or lies in a gap event.
            let slowestEver = acknowledgedEver.values.min() ?? 0
            let oldest = journal.statistics().oldestSequence
            if lastSeenSequence + 1 < oldest {
                for sequence in lastSeenSequence + 1..<oldest where sequence > slowestEver {
                    guard gaps.contains(where: { ($0.firstSequence...$0.lastSequence).contains(sequence) }) else {
                        throw CampaignViolation(description: "records \(overwritten.sorted()) committed but unreadable; "
                            + "seq \(sequence) reclaimed without a gap event")
                    }
                }
            } else {
                throw CampaignViolation(description: "records \(overwritten.sorted()) committed but unreadable")
            }
            lost.formUnion(overwritten)
        }
        durable.formUnion(uncommitted.subtracting(overwritten))
        uncommitted.removeAll()
        lastSeenSequence = journal.lastDurableSequence
    }

    /// Checks a record returned by any read: known, intact, never a lost one.
    func checkReturned(_ record: JournalRecord) throws {
        if record.type == .gap {
            guard record.gapEvent != nil else { throw CampaignViolation(description: "malformed gap record \(record)") }
            return
        }
        guard record.type == Self.dataType, let id = Self.id(of: record), let original = appended[id],
              original.payload == record.payload, original.timestamp == record.timestamp else {
            throw CampaignViolation(description: "corrupt or unknown record returned: seq \(record.sequence), "
                + "\(record.payload.count) B")
        }
        guard !lost.contains(id) else {
            throw CampaignViolation(description: "record id \(id) came back at seq \(record.sequence) after being lost")
        }
        if let known = sequenceOf[id], known != record.sequence {
            throw CampaignViolation(description: "record id \(id) moved from seq \(known) to \(record.sequence)")
        }
    }

    /// Checks records a consumer read and remembers their sequences.
    func consumed(_ records: [JournalRecord]) throws {
        try learn(records)
    }

    private func learn(_ records: [JournalRecord]) throws {
        for record in records {
            try checkReturned(record)
            if let gap = record.gapEvent {
                if !gaps.contains(gap) { gaps.append(gap) }
            } else if let id = Self.id(of: record) {
                sequenceOf[id] = record.sequence
            }
        }
    }

    /// After a remount: `journal` and `again` were opened on the same device one after the other.
    /// `afterPowerCut`: what is on flash now survived a cut, so it is durable.
    func checkRecovered(_ journal: Journal<EmulatedFlash>, again: Journal<EmulatedFlash>, flash: EmulatedFlash,
                        afterPowerCut: Bool) throws {
        checks += 1
        guard flash.violations.isEmpty else {
            throw CampaignViolation(description: "flash misuse: \(flash.violations.joined(separator: "; "))")
        }
        let records = try journal.records(from: 0)
        for gap in journal.gapsAwaitingCommit where !gaps.contains(gap) { gaps.append(gap) }
        guard try again.records(from: 0) == records, again.gapsAwaitingCommit == journal.gapsAwaitingCommit, again.lastDurableSequence == journal.lastDurableSequence,
              again.consumers.map({ again.acknowledged(by: $0) }) == journal.consumers.map({ journal.acknowledged(by: $0) })
        else {
            throw CampaignViolation(description: "recovery run twice gave different states")
        }
        var previous: UInt64 = 0
        var present: Set<UInt64> = []
        for record in records {
            guard record.sequence > previous else {
                throw CampaignViolation(description: "sequence \(record.sequence) after \(previous)")
            }
            previous = record.sequence
            try checkReturned(record)
            try learn([record])
            if let id = Self.id(of: record), record.type == Self.dataType { present.insert(id) }
        }
        try checkNothingDurableVanished(present: present, records: records)
        try checkCursors(journal, adopt: afterPowerCut)
        lost.formUnion(uncommitted.subtracting(present))
        if afterPowerCut {
            durable.formUnion(uncommitted.intersection(present))
            uncommitted.removeAll()
        } else {
            uncommitted.formIntersection(present)
        }
        lastSeenSequence = journal.lastDurableSequence
    }

    private func checkNothingDurableVanished(present: Set<UInt64>, records: [JournalRecord]) throws {
        let slowestEver = acknowledgedEver.values.min() ?? 0
        for id in durable where !present.contains(id) {
            guard let sequence = sequenceOf[id] else {
                throw CampaignViolation(description: "durable record id \(id) was never readable")
            }
            let acknowledgedByAll = sequence <= slowestEver
            let reported = gaps.contains { ($0.firstSequence...$0.lastSequence).contains(sequence) }
            guard acknowledgedByAll || reported else {
                throw CampaignViolation(description: "synced record id \(id) (seq \(sequence)) lost without a gap event; "
                    + "slowest acknowledgement \(slowestEver)")
            }
        }
        for record in records where record.type == Self.dataType {
            if let gap = gaps.first(where: { ($0.firstSequence...$0.lastSequence).contains(record.sequence) }) {
                throw CampaignViolation(description: "seq \(record.sequence) returned though reported lost by \(gap)")
            }
        }
    }

    private func checkCursors(_ journal: Journal<EmulatedFlash>, adopt: Bool) throws {
        for consumer in journal.consumers {
            let cursor = journal.acknowledged(by: consumer) ?? 0
            let floor = durableCursor[consumer] ?? 0
            guard cursor >= floor else {
                throw CampaignViolation(description: "cursor \(consumer) moved back from \(floor) to \(cursor)")
            }
            guard cursor <= journal.lastDurableSequence else {
                throw CampaignViolation(description: "cursor \(consumer) at \(cursor) past data \(journal.lastDurableSequence)")
            }
            if adopt { durableCursor[consumer] = cursor }
        }
    }
}
