import AgentTesting
@testable import Journal
import Testing

/// Persistent damage (a byte flipped after it was written) must never pass for a torn tail:
/// intact records after it survive, sequence numbers are never reused, every loss is a
/// `.corruptRegion` gap event, `verify()` names the byte offset, and recovery is idempotent.
@Suite struct CorruptionTests {
    static let data = RecordType(rawValue: 0x10)
    static let geometry = BlockDeviceGeometry(programSize: 16, eraseSize: 1024, blockCount: 6)

    /// A journal of 60 records of 64 B (about 4½ segments), committed 5 at a time, one consumer.
    func filledFlash() throws -> (EmulatedFlash, [JournalRecord], [LiveSegment]) {
        let flash = EmulatedFlash(geometry: Self.geometry)
        let journal = try Journal.format(flash)
        try journal.register(consumer: "hj212")
        for index in 0..<60 {
            try journal.append(type: Self.data, timestamp: 1_000 * Int64(index),
                               payload: (0..<40).map { UInt8(truncatingIfNeeded: index &* 7 &+ $0) })
            if index % 5 == 4 { try journal.commit() }
        }
        #expect(journal.live.count >= 4)
        return (flash, try journal.records(from: 0), journal.live)
    }

    /// Device offset of the first record of `segment` (records follow the header directly).
    func firstRecordOffset(_ segment: LiveSegment) -> Int {
        segment.block * Self.geometry.eraseSize + segment.headerLength
    }

    /// Reopens twice, checks both recoveries agree and nothing intact was lost; returns the journal.
    func reopenAndCheck(_ flash: EmulatedFlash, before: [JournalRecord], lost: ClosedRange<UInt64>?)
        throws -> Journal<EmulatedFlash> {
        let journal = try Journal(opening: flash)
        let again = try Journal(opening: flash)
        let after = try journal.records(from: 0)
        #expect(after == (try again.records(from: 0)))
        #expect(journal.gapsAwaitingCommit == again.gapsAwaitingCommit)
        #expect(journal.lastDurableSequence == again.lastDurableSequence)
        #expect(journal.acknowledged(by: "hj212") == again.acknowledged(by: "hj212"))
        let expected = before.filter { lost?.contains($0.sequence) != true }
        #expect(after == expected)
        #expect(journal.lastDurableSequence >= before.last!.sequence)
        return journal
    }

    /// Appends and commits one record: it takes the next sequence, above every one ever used.
    func checkNoReuse(_ journal: Journal<EmulatedFlash>, after highest: UInt64) throws {
        try journal.append(type: Self.data, timestamp: 999_000, payload: [1, 2, 3])
        try journal.commit()
        let newest = try journal.records(from: highest + 1).filter { $0.type == Self.data }  // gaps go first
        #expect(newest.map(\.payload) == [[1, 2, 3]])
        #expect(newest.first!.sequence > highest)
    }

    @Test(arguments: [true, false])
    func aFlippedByteInARecordLosesOnlyThatRecord(inNewestSegment: Bool) throws {
        let (flash, before, live) = try filledFlash()
        let segment = inNewestSegment ? live[live.count - 1] : live[1]
        #expect(segment.lastSequence - segment.firstSequence >= 2)
        let flipped = firstRecordOffset(segment) + 30  // inside the payload of its first record
        flash.corrupt(at: flipped, xor: 0x40)
        let lost = segment.firstSequence...segment.firstSequence
        let journal = try reopenAndCheck(flash, before: before, lost: lost)

        let gaps = journal.gapsAwaitingCommit
        #expect(gaps.count == 1)
        #expect(gaps.first?.reason == .corruptRegion)
        #expect(gaps.first.map { $0.firstSequence...$0.lastSequence } == lost)
        #expect(gaps.first?.deviceOffset == UInt64(firstRecordOffset(segment)))

        let report = try journal.verify()
        #expect(report.findings.count == 1)
        let problem = try #require(report.findings.first)
        #expect(problem.kind == .corruptRegion)
        #expect(problem.segment == segment.block)
        #expect(problem.offset <= flipped && flipped < problem.offset + problem.length)
        #expect(problem.lost == lost)
        #expect(report.problems.first?.hasPrefix("corruptRegion at byte \(firstRecordOffset(segment))") == true)

        try checkNoReuse(journal, after: before.last!.sequence)
        let reopened = try Journal(opening: flash)
        #expect(reopened.gapsAwaitingCommit.isEmpty)  // the gap record is durable: not queued again
        let gapRecords = try reopened.records(from: 0).compactMap(\.gapEvent)
        #expect(gapRecords.map { $0.firstSequence...$0.lastSequence } == [lost])
        #expect(try reopened.verify().findings.count == 1)  // the damage is still there, and still reported
    }

    @Test func aDamagedMiddleHeaderKeepsTheOlderSegments() throws {
        let (flash, before, live) = try filledFlash()
        let segment = live[2]
        let flipped = segment.block * Self.geometry.eraseSize + 20  // the epoch field
        flash.corrupt(at: flipped, xor: 0x01)
        let journal = try reopenAndCheck(flash, before: before, lost: nil)
        #expect(journal.live.count == live.count)
        #expect(journal.gapsAwaitingCommit.isEmpty)  // the records are all intact: nothing lost
        let report = try journal.verify()
        #expect(report.findings.map(\.kind) == [.damagedHeader])
        #expect(report.findings.first?.offset == segment.block * Self.geometry.eraseSize)
        #expect(report.findings.first.map { $0.offset + $0.length } == firstRecordOffset(segment))
        try checkNoReuse(journal, after: before.last!.sequence)
        _ = try reopenAndCheck(flash, before: try journal.records(from: 0), lost: nil)
    }

    @Test func aDamagedNewestHeaderKeepsItsRecordsAndMovesOn() throws {
        let (flash, before, live) = try filledFlash()
        let segment = live[live.count - 1]
        flash.corrupt(at: segment.block * Self.geometry.eraseSize + 26, xor: 0x80)  // first sequence
        let journal = try reopenAndCheck(flash, before: before, lost: nil)
        #expect(journal.position.abandoned)  // nothing more is written behind a damaged header
        let report = try journal.verify()
        #expect(report.findings.map(\.kind) == [.damagedHeader])
        #expect(report.findings.first?.offset == segment.block * Self.geometry.eraseSize)
        try checkNoReuse(journal, after: before.last!.sequence)
        // The next commit opened a segment after it: the damaged one is now a middle segment.
        let reopened = try reopenAndCheck(flash, before: try journal.records(from: 0), lost: nil)
        #expect(reopened.live.count == live.count + 1)
        #expect(try reopened.verify().findings.map(\.kind) == [.damagedHeader])
    }

    @Test func aFlippedByteInCommitPaddingLosesNothingButIsReported() throws {
        let (flash, before, live) = try filledFlash()
        let segment = live[1]
        // Records of 64 B follow the header directly; the first commit ends where the walk meets
        // an erased byte, which is padding up to the next program unit.
        let base = segment.block * Self.geometry.eraseSize
        var recordsEnd = segment.headerLength
        while flash.image[base + recordsEnd] == RecordCodec.marker { recordsEnd += 64 }
        #expect(flash.image[base + recordsEnd] == 0xFF)
        try #require(recordsEnd % 16 != 0)
        flash.corrupt(at: base + recordsEnd, xor: 0x01)
        let journal = try reopenAndCheck(flash, before: before, lost: nil)
        #expect(journal.gapsAwaitingCommit.isEmpty)
        let report = try journal.verify()
        #expect(report.findings.map(\.offset) == [base + recordsEnd])
        #expect(report.findings.first?.lost == nil)
    }
}
