/// What the journal does when a commit cannot complete: a refusal (ring full under
/// `.refuseNewRecords`) keeps the unwritten records pending; a device failure re-reads the
/// device so the in-memory view matches what actually reached it.
extension Journal {
    /// After `.full`: makes what was written durable and drops it from the pending list.
    func settleAfterRefusal(_ entries: [PendingRecord], placedSequences: [UInt64], acknowledgementCount: Int)
        throws(JournalError) {
        let placedCount = placedSequences.count
        do throws(JournalError) {
            // Durability: the records placed before the refusal were programmed by `flush`.
            try storage.sync()
        } catch {
            throw reloadAfterFailure(error, entries: entries, placedSequences: placedSequences)
        }
        for entry in entries.prefix(min(placedCount, acknowledgementCount)) {
            if let (name, sequence) = entry.payload.withUnsafeBytes({ JournalCheckpoint.decodeAcknowledgement($0) }) {
                durable.acknowledge(name, through: sequence)
            }
        }
        let writtenRecords = max(0, placedCount - acknowledgementCount)
        pending.removeFirst(writtenRecords)
        pendingBytes = pending.reduce(0) { $0 + $1.payload.count + RecordCodec.headerSize }
    }

    /// After a device failure mid-commit: recovers from the device, syncs whatever of this commit
    /// landed (it is now part of the journal), keeps the rest pending. If that fails too, the
    /// journal refuses further use until reopened. Returns the error to throw.
    func reloadAfterFailure(_ error: JournalError, entries: [PendingRecord], placedSequences: [UInt64]) -> JournalError {
        do throws(JournalError) {
            let state = try JournalRecovery(device: storage, readRetries: configuration.readRetries).recover()
            try storage.sync()
            var unwritten: [PendingRecord] = []
            for (index, entry) in entries.enumerated() where entry.type != .acknowledgement {
                if index >= placedSequences.count || placedSequences[index] >= state.nextSequence {
                    unwritten.append(entry)
                }
            }
            adopt(state)
            pending = unwritten
            for gap in state.recoveryGaps { enqueue(gap) }
            pendingBytes = pending.reduce(0) { $0 + $1.payload.count + RecordCodec.headerSize }
            return error.context("commit failed; \(pending.count) records kept pending")
        } catch {
            failure = error
            return error.context("commit failed, and re-reading the device failed too (\(error.message))")
        }
    }

    /// Replaces the in-memory view with a recovered one; acknowledgements not yet durable are kept.
    func adopt(_ state: JournalRecovery<Device>.State) {
        let memory = cursors
        live = state.live
        position = state.position
        durable = state.checkpoint
        cursors = state.checkpoint
        for (name, sequence) in memory.acknowledged { cursors.acknowledge(name, through: sequence) }
        nextSequence = state.nextSequence
        nextEpoch = state.nextEpoch
        latestTimestamp = max(latestTimestamp, state.latestTimestamp)
    }
}
