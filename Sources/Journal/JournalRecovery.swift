/// Rebuilds the journal's state from the device (docs/journal-design.md §Recovery). Read-only
/// and deterministic: running it twice on the same device gives the same state.
///
/// 1. Read every segment's header; the valid one with the highest epoch is the newest segment.
/// 2. The live chain is the run of valid headers with consecutive epochs and increasing first
///    sequences ending at the newest; each segment's last sequence is its successor's first - 1.
/// 3. The newest header's checkpoint (cursors, reclaimed-through) is the starting state; the
///    newest segment's records are scanned and replayed onto it, stopping at the first record
///    that is not valid and next in sequence (a torn tail).
/// 4. Chain segments wholly at or below reclaimed-through are dropped (their erase may have been
///    lost in the cut); a consumer cursor before the oldest record yields a `.gap` event.
/// 5. The next commit goes to the first program unit after the last record, unless the rest of
///    the segment is not erased (a torn or reordered write landed there): then to a new segment.
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
        /// Gaps found at recovery (cursors before the oldest record), to be recorded at the next commit.
        var recoveryGaps: [GapEvent]
    }

    struct FoundHeader {
        var block: Int
        var header: SegmentHeader
        var length: Int
    }

    func recover() throws(JournalError) -> State {
        let headers = try readHeaders()
        guard let newest = headers.max(by: { $0.header.epoch < $1.header.epoch }) else {
            throw JournalError(.notFormatted, "no valid segment header in \(device.geometry.blockCount) segments")
        }
        var chain = liveChain(headers, newest: newest)
        var checkpoint = newest.header.checkpoint
        let scan = try scanNewest(newest, checkpoint: &checkpoint, into: &chain[chain.count - 1])
        while chain.count > 1, chain[0].lastSequence <= checkpoint.reclaimedThrough { chain.removeFirst() }
        let unit = device.geometry.programSize
        let offset = (scan.end + unit - 1) / unit * unit
        // From the end of the last record, not from the next program unit: a torn record that
        // began inside the last unit leaves bytes there, and the scan would stop at them forever.
        let clean = try device.isErased(block: newest.block, from: scan.end)
        let latest = chain.last(where: { !$0.isEmpty })?.latest ?? newest.header.previousLatest
        let gaps = cursorGaps(&checkpoint, oldest: chain[0].firstSequence)
        return State(live: chain, position: WritePosition(block: newest.block, offset: offset, abandoned: !clean),
                     checkpoint: checkpoint, nextSequence: scan.nextSequence, nextEpoch: newest.header.epoch + 1,
                     latestTimestamp: latest, recoveryGaps: gaps)
    }

    /// Every segment's header that decodes and checks; a header that fails its CRC is re-read
    /// `readRetries` times (a transient bit flip must not cut the chain).
    private func readHeaders() throws(JournalError) -> [FoundHeader] {
        let geometry = device.geometry
        let count = min(SegmentHeader.maximumSize, geometry.eraseSize)
        var found: [FoundHeader] = []
        for block in 0..<geometry.blockCount {
            var attempt = 0
            while true {
                let bytes = try device.read(block: block, count: count)
                let decoded = bytes.withUnsafeBytes {
                    SegmentHeader.decode($0, segmentSize: geometry.eraseSize, programSize: geometry.programSize)
                }
                switch decoded {
                case let .header(header, length):
                    found.append(FoundHeader(block: block, header: header, length: length))
                case let .incompatible(reason):
                    throw JournalError(.incompatible, "segment \(block): \(reason)")
                case .invalid:
                    let erased = geometry.erasedByte
                    if attempt < readRetries, !bytes.allSatisfy({ $0 == erased }) {
                        attempt += 1
                        continue
                    }
                }
                break
            }
        }
        return found
    }

    /// The chain of live segments, oldest first, ending at `newest`.
    private func liveChain(_ headers: [FoundHeader], newest: FoundHeader) -> [LiveSegment] {
        var byEpoch: [UInt64: FoundHeader] = [:]
        for found in headers { byEpoch[found.header.epoch] = found }
        var chain = [LiveSegment(block: newest.block, epoch: newest.header.epoch, headerLength: newest.length,
                                 firstSequence: newest.header.firstSequence,
                                 lastSequence: newest.header.firstSequence &- 1)]
        var successor = newest.header
        while successor.epoch > 0, let previous = byEpoch[successor.epoch - 1],
              previous.header.firstSequence <= successor.firstSequence,
              chain.count < device.geometry.blockCount {
            chain.insert(LiveSegment(block: previous.block, epoch: previous.header.epoch,
                                     headerLength: previous.length, firstSequence: previous.header.firstSequence,
                                     lastSequence: successor.firstSequence &- 1,
                                     earliest: successor.previousEarliest, latest: successor.previousLatest), at: 0)
            successor = previous.header
        }
        return chain
    }

    /// Scans the newest segment, replaying acknowledgements and gaps onto `checkpoint` and the
    /// records' sequences and times onto `segment`. A scan that ends on non-erased bytes is
    /// repeated (a transient read error) and the longest valid prefix wins.
    private func scanNewest(_ newest: FoundHeader, checkpoint: inout JournalCheckpoint,
                           into segment: inout LiveSegment) throws(JournalError) -> SegmentScanner.Result {
        let scanner = SegmentScanner(programSize: device.geometry.programSize, erasedByte: device.geometry.erasedByte)
        var best: SegmentScanner.Result?
        var bestImage: [UInt8] = []
        for _ in 0...readRetries {
            let image = try device.read(block: newest.block, count: device.segmentSize)
            let result = image.withUnsafeBytes {
                scanner.scan($0, from: newest.length, expecting: newest.header.firstSequence) { _, _, _, _ in true }
            }
            if best == nil || result.end > best!.end {
                best = result
                bestImage = image
            }
            if result.stop != .invalid { break }
        }
        let base = checkpoint
        var replayed = base
        var replayedSegment = segment
        let result = bestImage.withUnsafeBytes { image in
            scanner.scan(image, from: newest.length, expecting: newest.header.firstSequence) { type, sequence, time, payload in
                replayedSegment.include(sequence: sequence, timestamp: time)
                Self.replay(type, UnsafeRawBufferPointer(rebasing: image[payload]), onto: &replayed)
                return true
            }
        }
        checkpoint = replayed
        segment = replayedSegment
        return result
    }

    /// Applies an internal record to the checkpoint.
    static func replay(_ type: RecordType, _ payload: UnsafeRawBufferPointer, onto checkpoint: inout JournalCheckpoint) {
        if type == .acknowledgement, let (name, sequence) = JournalCheckpoint.decodeAcknowledgement(payload) {
            checkpoint.acknowledge(name, through: sequence)
        } else if type == .gap, let gap = GapEvent(decoding: Array(payload)) {
            checkpoint.apply(gap)
        }
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
