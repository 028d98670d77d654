/// Rebuilds the journal's state from the device (docs/journal-format.md §6). Read-only and
/// deterministic: running it twice on the same device gives the same state.
///
/// 1. Read every segment's header; the valid one with the highest epoch is the newest segment.
/// 2. The live chain is the run of headers with consecutive epochs and increasing first
///    sequences ending at the newest; a single missing epoch whose block lies between its
///    neighbours is bridged (a damaged header), and so is a damaged header right after the newest.
/// 3. Every chain segment is scanned (`SegmentScanner`, which skips corrupt regions that have
///    intact records after them). The newest header's checkpoint is the starting state; the
///    records from the newest header on are replayed onto it.
/// 4. Chain segments wholly at or below reclaimed-through are dropped; every damage left is a
///    `JournalProblem`, and each loss not yet recorded becomes a `.corruptRegion` gap event; a
///    consumer cursor before the oldest record yields a `.missingAtRecovery` gap event.
/// 5. The next sequence follows the highest valid one; the next commit goes to the first program
///    unit after the last record, unless the rest of the segment is not erased or its header is
///    damaged: then to a new segment.
struct JournalRecovery<Device: BlockDevice> {
    let device: JournalDevice<Device>
    let readRetries: Int

    struct State {
        var live: [LiveSegment]
        var position: WritePosition
        var checkpoint: JournalCheckpoint
        var nextSequence: UInt64
        var nextEpoch: UInt64
        var latestTimestamp: Int64
        /// Gaps found at recovery (cursors before the oldest record, corrupt regions not yet
        /// recorded), to be recorded at the next commit.
        var recoveryGaps: [GapEvent]
        /// Damage found in the live segments, in ring order.
        var problems: [JournalProblem]
        /// Valid records in the live segments, and bytes read to find them.
        var records: Int
        var bytesScanned: Int
    }

    struct FoundHeader {
        var block: Int
        var header: SegmentHeader
        var length: Int
    }

    /// What the headers say: the valid ones, and the blocks whose header is neither valid nor erased.
    struct Headers {
        var valid: [FoundHeader] = []
        var damaged: Set<Int> = []
    }

    func recover() throws(JournalError) -> State {
        let headers = try readHeaders()
        guard let newest = headers.valid.max(by: { $0.header.epoch < $1.header.epoch }) else {
            throw JournalError(.notFormatted, "no valid segment header in \(device.geometry.blockCount) segments")
        }
        var audit = ChainAudit(entries: liveChain(headers, newest: newest), checkpoint: newest.header.checkpoint,
                               newestEpoch: newest.header.epoch, segmentSize: device.segmentSize,
                               scanner: SegmentScanner(programSize: device.geometry.programSize,
                                                       erasedByte: device.geometry.erasedByte))
        for index in audit.entries.indices { try scan(index, of: &audit) }
        var nextEpoch = newest.header.epoch + 1
        if let bridged = try damagedSuccessor(of: newest, headers: headers, audit: audit) {
            audit.entries.append(bridged)
            try scan(audit.entries.count - 1, of: &audit)
            nextEpoch += 1
        }
        audit.dropReclaimed()
        var checkpoint = audit.checkpoint
        let last = audit.entries[audit.entries.count - 1]
        let unit = device.geometry.programSize
        let end = audit.newestEnd
        // From the end of the last record, not from the next program unit: a torn record that
        // began inside the last unit leaves bytes there, and the scan would stop at them forever.
        var clean = false
        if !last.headerDamaged { clean = try device.isErased(block: last.segment.block, from: end) }
        let segments = audit.entries.map(\.segment)
        let latest = segments.last(where: { !$0.isEmpty })?.latest ?? newest.header.previousLatest
        let gaps = audit.unrecordedLosses() + cursorGaps(&checkpoint, oldest: segments[0].firstSequence)
        return State(live: segments,
                     position: WritePosition(block: last.segment.block, offset: (end + unit - 1) / unit * unit,
                                             abandoned: !clean),
                     checkpoint: checkpoint, nextSequence: audit.nextSequence, nextEpoch: nextEpoch,
                     latestTimestamp: latest, recoveryGaps: gaps, problems: audit.problems,
                     records: audit.records, bytesScanned: audit.bytesScanned)
    }

    /// Every segment's header that decodes and checks; a header that fails its CRC is re-read
    /// `readRetries` times (a transient bit flip must not cut the chain).
    private func readHeaders() throws(JournalError) -> Headers {
        let geometry = device.geometry
        let count = min(SegmentHeader.maximumSize, geometry.eraseSize)
        var found = Headers()
        for block in 0..<geometry.blockCount {
            var attempt = 0
            while true {
                let bytes = try device.read(block: block, count: count)
                let decoded = bytes.withUnsafeBytes {
                    SegmentHeader.decode($0, segmentSize: geometry.eraseSize, programSize: geometry.programSize)
                }
                switch decoded {
                case let .header(header, length):
                    found.valid.append(FoundHeader(block: block, header: header, length: length))
                case let .incompatible(reason):
                    throw JournalError(.incompatible, "segment \(block): \(reason)")
                case .invalid:
                    let erased = geometry.erasedByte
                    if bytes.allSatisfy({ $0 == erased }) { break }
                    if attempt < readRetries {
                        attempt += 1
                        continue
                    }
                    found.damaged.insert(block)
                }
                break
            }
        }
        return found
    }

    /// Reads segment `block` whole, re-reading it up to `readRetries` times while the scan finds
    /// damage (a transient read error); the image with the most valid records wins.
    func bestImage(block: Int, from start: Int, expecting first: UInt64, declaredLast: UInt64?)
        throws(JournalError) -> [UInt8] {
        let scanner = SegmentScanner(programSize: device.geometry.programSize, erasedByte: device.geometry.erasedByte)
        var best: (image: [UInt8], records: Int)?
        for _ in 0...readRetries {
            let image = try device.read(block: block, count: device.segmentSize)
            let result = image.withUnsafeBytes { scanner.scan($0, from: start, expecting: first) { _, _, _, _ in true } }
            if best == nil || result.records > best!.records { best = (image, result.records) }
            let complete = declaredLast.map { result.nextSequence > $0 } ?? true
            if result.damage.isEmpty, complete { break }
        }
        return best!.image
    }

    /// Consumers whose cursor lies before the oldest retained record lost records without a gap
    /// record saying so (their erase outran the durable acknowledgement): make it explicit.
    private func cursorGaps(_ checkpoint: inout JournalCheckpoint, oldest: UInt64) -> [GapEvent] {
        guard let slowest = checkpoint.slowestCursor, slowest &+ 1 < oldest else { return [] }
        let gap = GapEvent(firstSequence: slowest + 1, lastSequence: oldest - 1, firstTimestamp: .min,
                           lastTimestamp: .max, reason: .missingAtRecovery)
        checkpoint.apply(gap)
        return [gap]
    }
}
