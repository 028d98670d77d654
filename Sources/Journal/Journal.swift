/// A power-loss-safe ring journal on a `BlockDevice` (docs/journal-design.md, format in
/// docs/journal-format.md). Pure: no clock, no I/O except through the device port.
///
/// - `append` buffers a record in memory; `commitIfDue(now:)` writes and syncs everything
///   pending once per commit interval (group commit); `commit()` does it now. Sequence numbers
///   are assigned when records are written, so the numbering on flash is always gap-free and
///   strictly increasing.
/// - Reads (`records(from:limit:)`, `records(between:limit:)`, `unacknowledged(by:limit:)`)
///   return only durable records, each verified against its CRC-32C.
/// - Named consumers (one per uplink) acknowledge up to a sequence; their cursors are durable
///   from the next commit. When the ring is full, the oldest segment is reclaimed if every
///   consumer acknowledged it; otherwise the overwrite policy applies and an overwrite is
///   recorded as a `.gap` record.
///
/// Not thread-safe: one owner (the journal service) drives it.
public final class Journal<Device: BlockDevice> {
    public let configuration: JournalConfiguration
    let storage: JournalDevice<Device>
    /// Segments holding live records, oldest first; the last one is being written.
    var live: [LiveSegment]
    var position: WritePosition
    /// Cursors and reclaimed-through as of the last sync.
    var durable: JournalCheckpoint
    /// Cursors as acknowledged (durable at the next commit).
    var cursors: JournalCheckpoint
    var pending: [PendingRecord] = []
    var pendingBytes = 0
    var nextSequence: UInt64
    var nextEpoch: UInt64
    var latestTimestamp: Int64
    var lastCommit: MonotonicInstant?
    var badBlocks: Set<Int> = []
    /// Set after a device failure left the journal's view uncertain; cleared by a reload.
    var failure: JournalError?

    /// A record waiting for the next commit.
    struct PendingRecord {
        var type: RecordType
        var timestamp: Int64
        var payload: [UInt8]
    }

    /// The device the journal lives on.
    public var device: Device { storage.device }

    /// Opens the journal on `device`, recovering its state (read-only until the next commit).
    /// Throws `.notFormatted` when the device holds no journal, `.incompatible` for another geometry.
    public init(opening device: Device, configuration: JournalConfiguration = JournalConfiguration())
        throws(JournalError) {
        guard device.geometry.isValid, device.geometry.blockCount >= 2,
              device.geometry.eraseSize >= SegmentHeader.maximumSize
                  + Self.gapReserve(programSize: device.geometry.programSize) + RecordCodec.headerSize else {
            throw JournalError(.invalidArgument, "geometry \(device.geometry) is too small for a journal")
        }
        self.configuration = configuration
        self.storage = JournalDevice(device)
        let state = try JournalRecovery(device: storage, readRetries: configuration.readRetries).recover()
        live = state.live
        position = state.position
        durable = state.checkpoint
        cursors = state.checkpoint
        nextSequence = state.nextSequence
        nextEpoch = state.nextEpoch
        latestTimestamp = state.latestTimestamp
        for gap in state.recoveryGaps { enqueue(gap) }
    }

    /// Writes an empty journal on `device` (erasing the first segment if it is not blank) and
    /// opens it. Everything previously on the device is abandoned.
    public static func format(_ device: Device, configuration: JournalConfiguration = JournalConfiguration())
        throws(JournalError) -> Journal {
        let storage = JournalDevice(device)
        do throws(JournalError) {
            var highestEpoch: UInt64 = 0
            if let existing = try? JournalRecovery(device: storage, readRetries: 0).recover() {
                highestEpoch = existing.nextEpoch
            }
            var usable: [Int] = []
            for block in 0..<device.geometry.blockCount {
                do throws(JournalError) {
                    if !(try storage.isErased(block: block)) { try storage.erase(block: block) }
                    usable.append(block)
                } catch {
                    continue  // a bad block: skipped (and found again after reopening)
                }
            }
            let header = SegmentHeader(epoch: highestEpoch + 1, firstSequence: 1, previousEarliest: .max,
                                       previousLatest: .min, checkpoint: JournalCheckpoint())
            try writeFirstHeader(header.encoded(segmentSize: device.geometry.eraseSize,
                                                programSize: device.geometry.programSize),
                                 on: storage, candidates: usable)
        } catch {
            throw error.context("formatting journal on \(device.geometry)")
        }
        return try Journal(opening: device, configuration: configuration)
    }

    /// Programs and syncs the first header on the first candidate block that takes it.
    private static func writeFirstHeader(_ bytes: [UInt8], on storage: JournalDevice<Device>, candidates: [Int])
        throws(JournalError) {
        var failure = JournalError(.device, "no usable block")
        for block in candidates {
            do throws(JournalError) {
                // Durability: the header alone; until the sync returns the device holds no journal.
                try storage.program(block: block, offset: 0, bytes)
                try storage.sync()
                return
            } catch {
                failure = error
            }
        }
        throw failure
    }

    // MARK: appending

    /// Space kept free at the end of every segment for the gap record an overwrite needs
    /// (whole program units, since the gap record starts a new commit).
    static func gapReserve(programSize: Int) -> Int {
        (RecordCodec.headerSize + GapEvent.encodedSize + programSize - 1) / programSize * programSize
    }

    var gapReserve: Int { Self.gapReserve(programSize: storage.geometry.programSize) }

    /// Whether a commit of `bytes` from the write position ends (padded) before the gap reserve.
    func fitsBeforeReserve(_ bytes: Int) -> Bool {
        let unit = storage.geometry.programSize
        return (position.offset + bytes + unit - 1) / unit * unit <= storage.segmentSize - gapReserve
    }

    /// Largest payload a record can carry on this device.
    public var maximumPayload: Int {
        min(RecordCodec.maximumPayload,
            storage.segmentSize - SegmentHeader.maximumSize - gapReserve - RecordCodec.headerSize)
    }

    /// Buffers a record for the next commit. Not durable until a commit returns.
    /// - Parameters:
    ///   - type: an application type (0x10 and above).
    ///   - timestamp: the record's time (Unix milliseconds by convention); used by time-range reads.
    /// - Throws: `.invalidArgument` for an internal type, `.tooLarge`, `.full` (pending buffer full,
    ///   or the ring full under `.refuseNewRecords`).
    public func append(type: RecordType, timestamp: Int64, payload: [UInt8]) throws(JournalError) {
        try checkUsable()
        guard type.isApplicationType else {
            throw JournalError(.invalidArgument, "record type \(type) is reserved for the journal")
        }
        guard payload.count <= maximumPayload else {
            throw JournalError(.tooLarge, "payload of \(payload.count) B exceeds \(maximumPayload) B")
        }
        guard pendingBytes + payload.count + RecordCodec.headerSize <= configuration.maximumPendingBytes else {
            throw JournalError(.full, "\(pendingBytes) B already await commit (is the device failing?)")
        }
        if configuration.overwritePolicy == .refuseNewRecords, ringIsFull, !oldestSegmentIsAcknowledged {
            throw JournalError(.full, "ring full of unacknowledged records (policy: refuse new records)")
        }
        pending.append(PendingRecord(type: type, timestamp: timestamp, payload: payload))
        pendingBytes += payload.count + RecordCodec.headerSize
        latestTimestamp = max(latestTimestamp, timestamp)
    }

    /// Queues a gap record for the next commit, unless the same gap already waits (a reload
    /// after a device failure finds the recovery gaps again).
    func enqueue(_ gap: GapEvent) {
        let payload = gap.encoded
        guard !pending.contains(where: { $0.type == .gap && $0.payload == payload }) else { return }
        pending.append(PendingRecord(type: .gap, timestamp: latestTimestamp, payload: payload))
        pendingBytes += payload.count + RecordCodec.headerSize
    }

    /// Whether every usable segment holds live records and the current one cannot take more.
    var ringIsFull: Bool {
        let usable = storage.geometry.blockCount - badBlocks.count
        guard live.count >= usable else { return false }
        return position.abandoned || !fitsBeforeReserve(pendingBytes + RecordCodec.headerSize)
    }

    /// Whether every consumer acknowledged the whole oldest segment (it may be reclaimed).
    var oldestSegmentIsAcknowledged: Bool {
        guard let oldest = live.first else { return true }
        return (cursors.slowestCursor ?? .max) >= oldest.lastSequence
    }

    // MARK: consumers

    /// Registers a consumer (an uplink) by name; does nothing if it exists. Durable at the next commit.
    public func register(consumer name: String, startingAt start: ConsumerStart = .oldestRetained)
        throws(JournalError) {
        guard cursors.acknowledged[name] == nil else { return }
        guard !name.isEmpty, name.utf8.count <= SegmentHeader.maximumNameLength else {
            throw JournalError(.invalidArgument, "consumer name must be 1…\(SegmentHeader.maximumNameLength) bytes")
        }
        guard cursors.acknowledged.count < SegmentHeader.maximumConsumers else {
            throw JournalError(.invalidArgument, "at most \(SegmentHeader.maximumConsumers) consumers")
        }
        switch start {
        case .oldestRetained: cursors.acknowledged[name] = (live.first?.firstSequence ?? 1) - 1
        case .newest: cursors.acknowledged[name] = lastDurableSequence
        }
    }

    /// Names of the registered consumers.
    public var consumers: [String] { cursors.acknowledged.keys.sorted() }

    /// The sequence `consumer` acknowledged through (its cursor), or nil if unknown.
    public func acknowledged(by consumer: String) -> UInt64? {
        cursors.acknowledged[consumer]
    }

    /// Records that `consumer`'s peer has everything through `sequence`. A cursor never moves
    /// backwards: acknowledging less than before does nothing. Durable at the next commit.
    /// - Throws: `.invalidArgument` for an unknown consumer or a sequence past the durable records.
    public func acknowledge(_ consumer: String, through sequence: UInt64) throws(JournalError) {
        guard let current = cursors.acknowledged[consumer] else {
            throw JournalError(.invalidArgument, "unknown consumer \"\(consumer)\"")
        }
        guard sequence <= lastDurableSequence else {
            throw JournalError(.invalidArgument,
                               "\(consumer) acknowledges \(sequence), past the last durable record \(lastDurableSequence)")
        }
        if sequence > current { cursors.acknowledged[consumer] = sequence }
    }

    /// Consumers whose in-memory cursor differs from the durable one, as acknowledgement payloads.
    var pendingAcknowledgements: [[UInt8]] {
        cursors.acknowledged.sorted(by: { $0.key < $1.key }).compactMap { name, sequence in
            durable.acknowledged[name] == sequence ? nil : JournalCheckpoint.acknowledgementPayload(name, sequence)
        }
    }

    /// The sequence of the newest durable record (0 when the journal has never held one).
    public var lastDurableSequence: UInt64 { nextSequence - 1 }

    /// Gap events found at recovery or decided but not yet committed; they are recorded as `.gap`
    /// records by the next commit (and found again by the next recovery if a cut comes first).
    public var gapsAwaitingCommit: [GapEvent] {
        pending.filter { $0.type == .gap }.compactMap { GapEvent(decoding: $0.payload) }
    }

    /// Whether there is anything (records or acknowledgements) a commit would write.
    public var hasPendingWrites: Bool { !pending.isEmpty || !pendingAcknowledgements.isEmpty }

    func checkUsable() throws(JournalError) {
        if let failure {
            throw failure.context("journal unusable after a device failure; reopen it")
        }
    }
}
