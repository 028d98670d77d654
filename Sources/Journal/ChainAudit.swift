/// The scan of every live segment at recovery: what each holds (sequence range, time span),
/// the checkpoint replayed from the newest segment on, and every damage found, each with the
/// gap event that records its loss (docs/journal-design.md §Corruption).
struct ChainAudit {
    /// A segment of the live chain.
    struct Entry {
        var segment: LiveSegment
        /// The header did not check; the segment was placed between its neighbours by epoch and
        /// block order, and its records are found by resynchronising from byte 0.
        var headerDamaged: Bool
        /// The last sequence the segment must hold: its successor's first sequence − 1 (nil for
        /// the newest segment, or when the successor's header is damaged).
        var declaredLast: UInt64?
        var records = 0
        var bytes = 0
    }

    /// A damage found in one segment, and the gap event for its loss (nil if nothing was lost).
    struct Finding {
        var epoch: UInt64
        var problem: JournalProblem
        var gap: GapEvent?
    }

    /// A lost sequence range, as recorded by a `.corruptRegion` gap record.
    struct LostRange: Hashable {
        var first: UInt64
        var last: UInt64
    }

    var entries: [Entry]
    /// The newest valid header's checkpoint, with the records from that segment on replayed.
    var checkpoint: JournalCheckpoint
    let newestEpoch: UInt64
    let segmentSize: Int
    let scanner: SegmentScanner
    /// The sequence after the highest valid (or declared) one so far.
    var nextSequence: UInt64 = 1
    /// End of the last valid record of the segment scanned last.
    var newestEnd = 0
    var findings: [Finding] = []
    var recorded: Set<LostRange> = []

    var problems: [JournalProblem] { findings.map(\.problem) }
    var records: Int { entries.reduce(0) { $0 + $1.records } }
    var bytesScanned: Int { entries.reduce(0) { $0 + $1.bytes } }

    /// Where the scan of entry `index` starts, the sequence it expects first, and its declared last.
    mutating func expectation(_ index: Int) -> (start: Int, first: UInt64, declaredLast: UInt64?) {
        if entries[index].headerDamaged, index > 0 {
            entries[index].segment.firstSequence = nextSequence
            entries[index].segment.lastSequence = nextSequence &- 1
        }
        let entry = entries[index]
        return (entry.segment.headerLength, entry.segment.firstSequence, entry.declaredLast)
    }

    /// Scans `image` as entry `index`: its records, its replay onto the checkpoint (from the
    /// newest valid header on), and its damage.
    mutating func scan(_ index: Int, image: [UInt8]) {
        var entry = entries[index]
        var segment = entry.segment
        segment.earliest = .max
        segment.latest = .min
        var replayed = checkpoint
        var recordedHere: [LostRange] = []
        let replays = segment.epoch >= newestEpoch
        let declaredLast = entry.declaredLast
        let result = image.withUnsafeBytes { bytes in
            scanner.scan(bytes, from: segment.headerLength, expecting: segment.firstSequence) { type, sequence, time, payload in
                if let declaredLast, sequence > declaredLast { return false }
                segment.include(sequence: sequence, timestamp: time)
                let body = UnsafeRawBufferPointer(rebasing: bytes[payload])
                if type == .gap, let gap = GapEvent(decoding: Array(body)), gap.reason == .corruptRegion {
                    recordedHere.append(LostRange(first: gap.firstSequence, last: gap.lastSequence))
                }
                if replays { replayed.replay(type, body) }
                return true
            }
        }
        if replays { checkpoint = replayed }
        recorded.formUnion(recordedHere)
        segment.lastSequence = declaredLast ?? max(segment.firstSequence &- 1, result.nextSequence &- 1)
        entry.segment = segment
        entry.records = result.records
        entry.bytes = image.count
        entries[index] = entry
        nextSequence = max(nextSequence, result.nextSequence, declaredLast.map { $0 &+ 1 } ?? 0)
        newestEnd = result.end
        record(result, of: entry)
    }

    /// Turns the scan's damage (and, for an older segment, records missing at its end) into findings.
    private mutating func record(_ result: SegmentScanner.Result, of entry: Entry) {
        let block = entry.segment.block
        let base = block * segmentSize
        for (index, damage) in result.damage.enumerated() {
            let isHeader = entry.headerDamaged && index == 0 && damage.offset == 0
            let lost = damage.lostCount > 0 ? damage.firstLost...damage.resumedSequence - 1 : nil
            let message = isHeader
                ? "segment header does not check; records found from byte \(base + damage.resumeOffset)"
                : "\(damage.resumeOffset - damage.offset) B do not check; intact records resume at byte "
                    + "\(base + damage.resumeOffset) with sequence \(damage.resumedSequence)"
            add(JournalProblem(kind: isHeader ? .damagedHeader : .corruptRegion, segment: block,
                               offset: base + damage.offset, length: damage.resumeOffset - damage.offset,
                               lost: lost, message: message),
                epoch: entry.segment.epoch, before: damage.timestampBefore, after: damage.timestampAfter)
        }
        if let declared = entry.declaredLast, result.nextSequence <= declared {
            add(JournalProblem(kind: .corruptTail, segment: block, offset: base + result.end,
                               length: segmentSize - result.end, lost: result.nextSequence...declared,
                               message: "the segment should hold records through \(declared); "
                                   + "none checks after byte \(base + result.end)"),
                epoch: entry.segment.epoch, before: entry.segment.latest, after: .max)
        }
    }

    private mutating func add(_ problem: JournalProblem, epoch: UInt64, before: Int64, after: Int64) {
        let gap = problem.lost.map {
            GapEvent(firstSequence: $0.lowerBound, lastSequence: $0.upperBound, firstTimestamp: before,
                     lastTimestamp: after, reason: .corruptRegion, deviceOffset: UInt64(problem.offset))
        }
        findings.append(Finding(epoch: epoch, problem: problem, gap: gap))
    }

    /// Drops chain segments wholly at or below reclaimed-through (their erase may have been lost
    /// in a cut), with whatever was found in them.
    mutating func dropReclaimed() {
        while entries.count > 1, entries[0].segment.lastSequence <= checkpoint.reclaimedThrough {
            let epoch = entries.removeFirst().segment.epoch
            findings.removeAll { $0.epoch == epoch }
        }
    }

    /// Gap events for losses that no `.corruptRegion` gap record in the ring reports yet.
    func unrecordedLosses() -> [GapEvent] {
        findings.compactMap(\.gap).filter { !recorded.contains(LostRange(first: $0.firstSequence, last: $0.lastSequence)) }
    }
}
