/// Reads: by sequence, by time range, and from a consumer's cursor. Only durable records are
/// returned (everything written is synced before a commit returns), each verified by CRC-32C.
extension Journal {
    /// Up to `limit` records with sequence ≥ `sequence`, in order (acknowledgements omitted,
    /// gap records included). Finds the first segment by binary search over the segment index.
    public func records(from sequence: UInt64, limit: Int = .max) throws(JournalError) -> [JournalRecord] {
        try checkUsable()
        var low = 0
        var high = live.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if live[middle].firstSequence <= sequence { low = middle } else { high = middle }
        }
        var found: [JournalRecord] = []
        for segment in live[low...] where !segment.isEmpty && segment.lastSequence >= sequence {
            try visitRecords(in: segment) { record in
                if record.sequence >= sequence, !record.type.isInternal { found.append(record) }
                return found.count < limit
            }
            if found.count >= limit { break }
        }
        return found
    }

    /// Up to `limit` records whose timestamp lies in `range`, in sequence order. Only segments
    /// whose time span (from the segment index) overlaps the range are read, so a day's history
    /// costs a day's segments, not the ring; clocks that jumped backwards are handled.
    public func records(between range: ClosedRange<Int64>, limit: Int = .max) throws(JournalError) -> [JournalRecord] {
        try checkUsable()
        var found: [JournalRecord] = []
        for segment in live where segment.overlaps(range) {
            try visitRecords(in: segment) { record in
                if range.contains(record.timestamp), !record.type.isInternal { found.append(record) }
                return found.count < limit
            }
            if found.count >= limit { break }
        }
        return found
    }

    /// Up to `limit` records `consumer` has not acknowledged, oldest first.
    public func unacknowledged(by consumer: String, limit: Int = .max) throws(JournalError) -> [JournalRecord] {
        guard let cursor = cursors.acknowledged[consumer] else {
            throw JournalError(.invalidArgument, "unknown consumer \"\(consumer)\"")
        }
        return try records(from: cursor + 1, limit: limit)
    }

    /// Calls `visit` with every valid record of `segment` in order until it returns false. A scan
    /// that finds damage, or stops before the segment's last sequence, is repeated `readRetries`
    /// times (transient read errors) and the image with the most valid records wins. Intact
    /// records after a persistent bad spot are returned (the scanner resynchronises past it).
    func visitRecords(in segment: LiveSegment, _ visit: (JournalRecord) -> Bool) throws(JournalError) {
        let isCurrent = segment.block == position.block && segment.epoch == live.last?.epoch
        let length = isCurrent ? position.offset : storage.segmentSize
        let scanner = SegmentScanner(programSize: storage.geometry.programSize, erasedByte: storage.geometry.erasedByte)
        var image: [UInt8] = []
        var best = -1
        for _ in 0...configuration.readRetries {
            let attempt = try storage.read(block: segment.block, count: length)
            let result = attempt.withUnsafeBytes {
                scanner.scan($0, from: segment.headerLength, expecting: segment.firstSequence) { _, _, _, _ in true }
            }
            if result.records > best {
                image = attempt
                best = result.records
            }
            if result.damage.isEmpty, result.nextSequence > segment.lastSequence { break }
        }
        _ = image.withUnsafeBytes { bytes in
            scanner.scan(bytes, from: segment.headerLength, expecting: segment.firstSequence) { type, sequence, time, payload in
                guard sequence <= segment.lastSequence else { return false }
                return visit(JournalRecord(sequence: sequence, type: type, timestamp: time, payload: Array(bytes[payload])))
            }
        }
    }

    /// Scans every live segment in full, as recovery does, and reports what does not check —
    /// corrupt regions, damaged headers, records missing at the end of an older segment — each
    /// with its device byte offset: a verifier's audit. Read-only.
    public func verify() throws(JournalError) -> JournalVerification {
        try checkUsable()
        let state: JournalRecovery<Device>.State
        do throws(JournalError) {
            state = try JournalRecovery(device: storage, readRetries: configuration.readRetries).recover()
        } catch {
            throw error.context("verifying the journal")
        }
        var report = JournalVerification()
        report.segments = state.live.count
        report.records = state.records
        report.bytesScanned = state.bytesScanned
        report.findings = state.problems
        report.problems = state.problems.map(\.description)
        return report
    }
}

/// The result of `Journal.verify()`.
public struct JournalVerification: Equatable, Sendable {
    public var segments = 0
    public var records = 0
    public var bytesScanned = 0
    /// One line per region that does not check, with its device offset (`findings` as text).
    public var problems: [String] = []
    /// Every region that does not check, structured: kind, segment, device offset, lost sequences.
    public var findings: [JournalProblem] = []

    public init() {}
}
