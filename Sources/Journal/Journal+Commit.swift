/// Group commit and segment rotation. The durability argument for each write is in the comment
/// at the write and in docs/journal-design.md §Power loss.
extension Journal {
    /// Commits if at least the commit interval has passed since the last commit (the first call
    /// only starts the interval). Returns whether it wrote anything.
    ///
    /// `tolerance`: how much earlier than the interval a commit may be made, for a caller that
    /// ticks at the interval and wakes a few ms either side of it (a tick 999 ms after the last
    /// commit would otherwise wait a whole tick). Commits are then never closer together than
    /// the interval minus the tolerance; the loss window is unchanged (docs/journal-design.md).
    @discardableResult
    public func commitIfDue(now: MonotonicInstant, tolerance: Int64 = 0) throws(JournalError) -> Bool {
        guard let last = lastCommit else {
            lastCommit = now
            return false
        }
        guard now.milliseconds - last.milliseconds >= configuration.commitIntervalMilliseconds - max(0, tolerance) else {
            return false
        }
        lastCommit = now
        guard hasPendingWrites else { return false }
        try commit()
        return true
    }

    /// Writes every pending acknowledgement and record, then syncs: when it returns, they are
    /// durable. On a device failure the journal re-reads its state from the device, keeps the
    /// records that did not reach it pending, and rethrows.
    public func commit() throws(JournalError) {
        try checkUsable()
        var entries = pendingAcknowledgements.map {
            PendingRecord(type: .acknowledgement, timestamp: latestTimestamp, payload: $0)
        }
        let acknowledgementCount = entries.count
        entries.append(contentsOf: pending)
        guard !entries.isEmpty else { return }
        var batch: [UInt8] = []
        var placedSequences: [UInt64] = []
        do throws(JournalError) {
            for entry in entries {
                let size = RecordCodec.headerSize + entry.payload.count
                if position.abandoned || !fitsBeforeReserve(batch.count + size) {
                    try flush(&batch)
                    try rotate(into: &batch)
                    while position.offset + batch.count + size > storage.segmentSize {  // only after carried gaps
                        try flush(&batch)
                        try rotate(into: &batch)
                    }
                }
                placedSequences.append(nextSequence)
                place(entry, into: &batch)
            }
            // Durability: one program per segment touched, then one sync. Until the sync returns,
            // a cut may lose or tear any of these programs; recovery then stops at the first
            // record that is not intact and in sequence, and never writes over what landed.
            try flush(&batch)
            try storage.sync()
        } catch where error.code == .full {
            try settleAfterRefusal(entries, placedSequences: placedSequences, acknowledgementCount: acknowledgementCount)
            throw error
        } catch {
            throw reloadAfterFailure(error, entries: entries, placedSequences: placedSequences)
        }
        durable = cursors
        pending.removeAll()
        pendingBytes = 0
    }

    /// Encodes `entry` with the next sequence number at the end of `batch`.
    func place(_ entry: PendingRecord, into batch: inout [UInt8]) {
        let sequence = nextSequence
        RecordCodec.encode(sequence: sequence, type: entry.type, timestamp: entry.timestamp,
                           payload: entry.payload, into: &batch)
        nextSequence += 1
        live[live.count - 1].include(sequence: sequence, timestamp: entry.timestamp)
    }

    /// Programs `batch` at the write position (padded to the program size) and empties it.
    func flush(_ batch: inout [UInt8]) throws(JournalError) {
        guard !batch.isEmpty else { return }
        do throws(JournalError) {
            // Durability: the range is erased (recovery checked it, or rotation erased the
            // segment) and is never programmed twice: the position moves past the padding.
            let written = try storage.program(block: position.block, offset: position.offset, batch)
            position.offset += written
        } catch {
            // A segment that cannot take even its header is treated as a bad block until reopened.
            if position.offset == 0, error.code == .device { badBlocks.insert(position.block) }
            position.abandoned = true
            throw error
        }
        batch.removeAll(keepingCapacity: true)
    }

    /// Opens the next segment: reclaims it first if it holds the oldest records (durably
    /// recording why that is allowed), erases it unless blank, and starts `batch` with its header.
    func rotate(into batch: inout [UInt8]) throws(JournalError) {
        var carriedGaps: [GapEvent] = []
        while true {
            let target = try nextUsableBlock(after: position.block)
            let reclaim = try prepareReclaim(of: target)
            if let gap = reclaim.gap, !placeGapInCurrentSegment(gap) {
                carriedGaps.append(gap)
            }
            // Durability: everything written so far — including the acknowledgements or the gap
            // record that justify reclaiming `target` — is durable before `target` is erased.
            try storage.sync()
            live.removeFirst(reclaim.count)
            do throws(JournalError) {
                // An erase cut short leaves the old header torn (the segment drops out of the
                // chain) or intact (the segment stays, wholly ≤ reclaimed-through: dropped).
                if !(try storage.isErased(block: target)) { try storage.erase(block: target) }
            } catch where error.code == .device {
                badBlocks.insert(target)
                continue
            }
            open(target, into: &batch, carriedGaps: carriedGaps)
            return
        }
    }

    /// When `target` holds live records, decides whether it (and any older segment stranded in a
    /// bad block before it) may be reclaimed: yes if every consumer acknowledged them; otherwise
    /// per the overwrite policy (a gap event, or `.full`). Returns how many segments to drop.
    func prepareReclaim(of target: Int) throws(JournalError) -> (count: Int, gap: GapEvent?) {
        guard let index = live.firstIndex(where: { $0.block == target }) else { return (0, nil) }
        guard index < live.count - 1 else {
            throw JournalError(.inconsistent, "next segment \(target) is the one being written")
        }
        let reclaimed = live[0...index]
        let last = reclaimed.last!.lastSequence
        let slowest = cursors.slowestCursor ?? .max
        var gap: GapEvent?
        if slowest < last {
            guard configuration.overwritePolicy == .overwriteOldest else {
                throw JournalError(.full, "ring full: oldest segment holds records through \(last), "
                    + "slowest consumer acknowledged \(slowest)")
            }
            var lost = GapEvent(firstSequence: max(slowest + 1, reclaimed.first!.firstSequence), lastSequence: last,
                                firstTimestamp: reclaimed.map(\.earliest).min()!,
                                lastTimestamp: reclaimed.map(\.latest).max()!, reason: .overwrittenWhenFull)
            // A gap record about to be overwritten before every consumer read it is folded into
            // the new one, so a loss is never reported only in a record that is itself lost.
            for segment in reclaimed {
                try visitRecords(in: segment) { record in
                    if record.sequence > slowest, let earlier = record.gapEvent {
                        lost.firstSequence = min(lost.firstSequence, earlier.firstSequence)
                        lost.firstTimestamp = min(lost.firstTimestamp, earlier.firstTimestamp)
                        lost.lastTimestamp = max(lost.lastTimestamp, earlier.lastTimestamp)
                    }
                    return true
                }
            }
            cursors.apply(lost)
            gap = lost
        }
        cursors.reclaimedThrough = max(cursors.reclaimedThrough, last)
        return (index + 1, gap)
    }

    /// Writes the gap record into the reserve at the end of the current segment, if usable.
    func placeGapInCurrentSegment(_ gap: GapEvent) -> Bool {
        guard !position.abandoned, position.offset + gapReserve <= storage.segmentSize else { return false }
        var bytes: [UInt8] = []
        let segmentBefore = live[live.count - 1]
        place(PendingRecord(type: .gap, timestamp: latestTimestamp, payload: gap.encoded), into: &bytes)
        do {
            try flush(&bytes)
            return true
        } catch {
            // The position is now abandoned; the gap goes after the next header instead, under
            // the same sequence number (the numbering on flash stays gap-free).
            live[live.count - 1] = segmentBefore
            nextSequence -= 1
            return false
        }
    }

    /// Starts `batch` with the header of segment `block` (and the gaps that could not be written before).
    func open(_ block: Int, into batch: inout [UInt8], carriedGaps: [GapEvent]) {
        let previous = live.last
        let header = SegmentHeader(epoch: nextEpoch, firstSequence: nextSequence,
                                   previousEarliest: previous?.earliest ?? .max,
                                   previousLatest: previous?.latest ?? .min, checkpoint: cursors)
        batch = header.encoded(segmentSize: storage.segmentSize, programSize: storage.geometry.programSize)
        live.append(LiveSegment(block: block, epoch: nextEpoch, headerLength: batch.count,
                                firstSequence: nextSequence, lastSequence: nextSequence - 1))
        nextEpoch += 1
        position = WritePosition(block: block, offset: 0, abandoned: false)
        for gap in carriedGaps {
            place(PendingRecord(type: .gap, timestamp: latestTimestamp, payload: gap.encoded), into: &batch)
        }
    }

    /// The block after `block` in ring order, skipping known bad blocks.
    func nextUsableBlock(after block: Int) throws(JournalError) -> Int {
        let count = storage.geometry.blockCount
        for step in 1...count {
            let candidate = (block + step) % count
            if !badBlocks.contains(candidate), candidate != block { return candidate }
        }
        throw JournalError(.device, "no usable segment left (\(badBlocks.count) bad of \(count))")
    }
}
