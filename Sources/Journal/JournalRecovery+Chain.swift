/// Recovery's walk of the segment chain, bridging damaged headers, and the scan of each segment.
extension JournalRecovery {
    /// The chain of live segments, oldest first, ending at `newest`. A single missing epoch is
    /// bridged when the block between its neighbours (in ring order) has a damaged header: a
    /// live segment's header is only ever destroyed by damage (rotation erases only the target,
    /// the oldest end, and a torn new header is rewritten under the same epoch), so the hole is
    /// that segment. Anything else ends the chain, as before.
    func liveChain(_ headers: Headers, newest: FoundHeader) -> [ChainAudit.Entry] {
        var byEpoch: [UInt64: FoundHeader] = [:]
        for found in headers.valid { byEpoch[found.header.epoch] = found }
        let count = device.geometry.blockCount
        var chain = [entry(newest, declaredLast: nil)]
        var successor = newest
        while chain.count < count, successor.header.epoch > 1 {
            let first = successor.header.firstSequence
            if let previous = byEpoch[successor.header.epoch - 1], previous.header.firstSequence <= first {
                chain.insert(entry(previous, declaredLast: first &- 1), at: 0)
                successor = previous
                continue
            }
            guard successor.header.epoch > 2, chain.count + 2 <= count,
                  let previous = byEpoch[successor.header.epoch - 2], previous.header.firstSequence <= first,
                  let block = damagedBlock(after: previous.block, before: successor.block, headers.damaged) else { break }
            chain.insert(bridge(block, epoch: successor.header.epoch - 1, first: previous.header.firstSequence,
                                declaredLast: first &- 1), at: 0)
            chain.insert(entry(previous, declaredLast: nil), at: 0)
            successor = previous
        }
        return chain
    }

    /// When the block after the newest segment has a damaged header but holds records that
    /// continue the newest segment's sequence, that block is the newest segment (its header was
    /// damaged after it was written: a torn header never has records after it).
    func damagedSuccessor(of newest: FoundHeader, headers: Headers, audit: ChainAudit)
        throws(JournalError) -> ChainAudit.Entry? {
        let block = (newest.block + 1) % device.geometry.blockCount
        guard audit.entries.count < device.geometry.blockCount, headers.damaged.contains(block),
              !audit.entries.contains(where: { $0.segment.block == block }) else { return nil }
        let first = audit.nextSequence
        let image = try bestImage(block: block, from: 0, expecting: first, declaredLast: nil)
        let found = image.withUnsafeBytes { audit.scanner.scan($0, from: 0, expecting: first) { _, _, _, _ in true } }
        guard found.records > 0 else { return nil }
        return bridge(block, epoch: newest.header.epoch + 1, first: first, declaredLast: nil)
    }

    /// Reads and scans chain entry `index` into `audit`.
    func scan(_ index: Int, of audit: inout ChainAudit) throws(JournalError) {
        let (start, first, declaredLast) = audit.expectation(index)
        let image = try bestImage(block: audit.entries[index].segment.block, from: start, expecting: first,
                                  declaredLast: declaredLast)
        audit.scan(index, image: image)
    }

    /// The first block with a damaged header strictly between `previous` and `next` in ring order.
    private func damagedBlock(after previous: Int, before next: Int, _ damaged: Set<Int>) -> Int? {
        let count = device.geometry.blockCount
        var block = (previous + 1) % count
        while block != next, block != previous {
            if damaged.contains(block) { return block }
            block = (block + 1) % count
        }
        return nil
    }

    private func entry(_ found: FoundHeader, declaredLast: UInt64?) -> ChainAudit.Entry {
        ChainAudit.Entry(segment: LiveSegment(block: found.block, epoch: found.header.epoch, headerLength: found.length,
                                              firstSequence: found.header.firstSequence,
                                              lastSequence: found.header.firstSequence &- 1),
                         headerDamaged: false, declaredLast: declaredLast)
    }

    private func bridge(_ block: Int, epoch: UInt64, first: UInt64, declaredLast: UInt64?) -> ChainAudit.Entry {
        ChainAudit.Entry(segment: LiveSegment(block: block, epoch: epoch, headerLength: 0, firstSequence: first,
                                              lastSequence: first &- 1),
                         headerDamaged: true, declaredLast: declaredLast)
    }
}
