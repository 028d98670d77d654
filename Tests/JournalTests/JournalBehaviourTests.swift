import AgentTesting
@testable import Journal
import Testing

/// Behaviour of the journal on a healthy emulated flash: group commit, reads, consumers,
/// reclaim, gap events, the refuse policy, time-range reads and reopening.
@Suite struct JournalBehaviourTests {
    static let data = RecordType(rawValue: 0x10)
    static let geometry = BlockDeviceGeometry(programSize: 16, eraseSize: 1024, blockCount: 6)

    func payload(_ index: Int, size: Int = 40) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0) }
    }

    @Test func appendIsNotDurableUntilCommitAndCommitSyncsOnce() throws {
        let flash = EmulatedFlash(geometry: Self.geometry)
        let journal = try Journal.format(flash)
        let syncsAfterFormat = flash.syncCount
        for index in 0..<5 { try journal.append(type: Self.data, timestamp: Int64(index), payload: payload(index)) }
        #expect(try journal.records(from: 1).isEmpty)
        try journal.commit()
        #expect(flash.syncCount == syncsAfterFormat + 1)
        let read = try journal.records(from: 1)
        #expect(read.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(read.map(\.payload) == (0..<5).map { payload($0) })
        #expect(flash.violations.isEmpty)
    }

    @Test func groupCommitHappensOncePerInterval() throws {
        let flash = EmulatedFlash(geometry: Self.geometry)
        let journal = try Journal.format(flash, configuration: JournalConfiguration(commitIntervalMilliseconds: 1000))
        var commits = 0
        for tick in 0..<35 {  // a record every 100 ms for 3.5 s
            try journal.append(type: Self.data, timestamp: Int64(tick), payload: payload(tick, size: 8))
            if try journal.commitIfDue(now: MonotonicInstant(milliseconds: Int64(tick) * 100)) { commits += 1 }
        }
        #expect(commits == 3)
        #expect(journal.lastDurableSequence == 31)  // records appended by the third commit, at t = 3.0 s
    }

    @Test func aToleranceKeepsAJitteryOncePerIntervalCallerCommittingEveryTick() throws {
        let flash = EmulatedFlash(geometry: Self.geometry)
        let journal = try Journal.format(flash, configuration: JournalConfiguration(commitIntervalMilliseconds: 1000))
        // A caller ticking once a second that wakes a few ms early or late.
        let ticks: [Int64] = [2, 1001, 2003, 3001, 4004, 5002, 5999, 7003]
        var strict = 0, tolerant = 0
        for (index, tick) in ticks.enumerated() {
            try journal.append(type: Self.data, timestamp: tick, payload: payload(index, size: 8))
            if try journal.commitIfDue(now: MonotonicInstant(milliseconds: tick), tolerance: 100) { tolerant += 1 }
        }
        let other = try Journal.format(EmulatedFlash(geometry: Self.geometry), configuration: JournalConfiguration(commitIntervalMilliseconds: 1000))
        for (index, tick) in ticks.enumerated() {
            try other.append(type: Self.data, timestamp: tick, payload: payload(index, size: 8))
            if try other.commitIfDue(now: MonotonicInstant(milliseconds: tick)) { strict += 1 }
        }
        #expect(tolerant == ticks.count - 1)  // every tick after the first commits
        #expect(strict < tolerant)            // without it, ticks 999 ms apart wait a whole second
        #expect(journal.lastDurableSequence == UInt64(ticks.count))
    }

    @Test func reopeningRecoversRecordsAndCursors() throws {
        let flash = EmulatedFlash(geometry: Self.geometry)
        let journal = try Journal.format(flash)
        try journal.register(consumer: "hj212")
        for index in 0..<30 { try journal.append(type: Self.data, timestamp: Int64(index), payload: payload(index)) }
        try journal.commit()
        let twelfth = try journal.records(from: 0)[11].sequence
        try journal.acknowledge("hj212", through: twelfth)
        try journal.commit()
        let reopened = try Journal(opening: flash)
        #expect(reopened.acknowledged(by: "hj212") == twelfth)
        let unsent = try reopened.unacknowledged(by: "hj212")
        #expect(unsent.first?.sequence == twelfth + 1)
        #expect(unsent.map(\.payload) == (12..<30).map { payload($0) })
    }

    @Test func acknowledgementsNeverMoveBackwardsNorPastDurableData() throws {
        let journal = try Journal.format(EmulatedFlash(geometry: Self.geometry))
        try journal.register(consumer: "a")
        try journal.append(type: Self.data, timestamp: 0, payload: [1])
        #expect(throws: JournalError.self) { try journal.acknowledge("a", through: 1) }  // not durable yet
        try journal.commit()
        try journal.acknowledge("a", through: 1)
        try journal.acknowledge("a", through: 0)
        #expect(journal.acknowledged(by: "a") == 1)
        #expect(throws: JournalError.self) { try journal.acknowledge("nobody", through: 1) }
    }

    @Test func acknowledgedSegmentsAreReclaimedWithoutGap() throws {
        let flash = EmulatedFlash(geometry: Self.geometry)
        let journal = try Journal.format(flash)
        try journal.register(consumer: "a")
        for index in 0..<400 {
            try journal.append(type: Self.data, timestamp: Int64(index), payload: payload(index))
            try journal.commit()
            try journal.acknowledge("a", through: journal.lastDurableSequence)
        }
        let all = try journal.records(from: 0)
        #expect(!all.contains { $0.type == .gap })
        #expect(all.last?.payload == payload(399))
        #expect(flash.eraseCounts.allSatisfy { $0 > 0 })  // wrapped the ring: every block erased
        #expect(flash.violations.isEmpty)
    }

    @Test func overwritingUnacknowledgedRecordsLeavesAGapEvent() throws {
        let journal = try Journal.format(EmulatedFlash(geometry: Self.geometry))
        try journal.register(consumer: "slow")
        for index in 0..<400 {
            try journal.append(type: Self.data, timestamp: 1000 + Int64(index), payload: payload(index))
            try journal.commit()
        }
        let all = try journal.records(from: 0)
        let gaps = all.compactMap(\.gapEvent)
        #expect(!gaps.isEmpty)
        #expect(gaps.allSatisfy { $0.reason == .overwrittenWhenFull && $0.firstTimestamp >= 1000 })
        // Every sequence number from the first gap on is either present or inside a gap.
        let present = Set(all.map(\.sequence))
        let first = gaps[0].firstSequence
        for sequence in first...journal.lastDurableSequence where !present.contains(sequence) {
            #expect(gaps.contains { ($0.firstSequence...$0.lastSequence).contains(sequence) },
                    "sequence \(sequence) vanished without a gap event")
        }
        let cursor = try #require(journal.acknowledged(by: "slow"))
        #expect(cursor >= gaps.last!.lastSequence)
    }

    @Test func refusePolicyStopsAcceptingThenResumesAfterAcknowledgement() throws {
        let journal = try Journal.format(EmulatedFlash(geometry: Self.geometry),
                                         configuration: JournalConfiguration(overwritePolicy: .refuseNewRecords))
        try journal.register(consumer: "a")
        var refused: JournalError?
        var appended = 0
        while refused == nil, appended < 1000 {
            do {
                try journal.append(type: Self.data, timestamp: Int64(appended), payload: payload(appended))
                appended += 1
                try journal.commit()
            } catch {
                refused = error
            }
        }
        #expect(refused?.code == .full)
        let held = try journal.records(from: 0)
        #expect(!held.contains { $0.type == .gap })
        #expect(held.first?.payload == payload(0))  // nothing overwritten
        try journal.acknowledge("a", through: journal.lastDurableSequence)
        try journal.commit()
        try journal.append(type: Self.data, timestamp: 5000, payload: payload(5000))
        try journal.commit()
        #expect(try journal.records(from: 0).last?.payload == payload(5000))
    }

    @Test func timeRangeReadsReadOnlyOverlappingSegmentsAndHandleClockSteps() throws {
        let journal = try Journal.format(EmulatedFlash(geometry: Self.geometry))
        for second in 0..<60 {
            try journal.append(type: Self.data, timestamp: 10_000 + Int64(second) * 1000, payload: payload(second))
            try journal.commit()
        }
        try journal.append(type: Self.data, timestamp: 12_500, payload: [0xEE])  // clock stepped back
        try journal.commit()
        let window = try journal.records(between: 12_000...14_000)
        #expect(window.map(\.timestamp) == [12_000, 13_000, 14_000, 12_500])
        #expect(try journal.records(between: 0...9_999).isEmpty)
        #expect(try journal.records(between: 12_000...14_000, limit: 2).count == 2)
    }

    @Test func sequenceReadsStartAnywhereInTheRing() throws {
        let journal = try Journal.format(EmulatedFlash(geometry: Self.geometry))
        for index in 0..<80 { try journal.append(type: Self.data, timestamp: 0, payload: payload(index)) }
        try journal.commit()
        for start in [UInt64(1), 17, 40, 79, 80] {
            let read = try journal.records(from: start, limit: 3)
            #expect(read.map(\.sequence) == Array(start..<min(start + 3, 81)))
        }
        #expect(try journal.records(from: 81).isEmpty)
    }

    @Test func statisticsReportFillLagAndRetention() throws {
        let journal = try Journal.format(EmulatedFlash(geometry: Self.geometry))
        try journal.register(consumer: "a")
        for second in 0..<20 {
            try journal.append(type: Self.data, timestamp: Int64(second) * 1000, payload: payload(second))
        }
        try journal.commit()
        let stats = journal.statistics()
        // Lag counts sequence numbers, the registration's acknowledgement record included.
        #expect(stats.consumerLag["a"] == journal.lastDurableSequence)
        #expect(journal.lastDurableSequence == 21)
        #expect(stats.fill > 0 && stats.fill < 1)
        #expect(stats.oldestTimestamp == 0 && stats.newestTimestamp == 19_000)
        let days = try #require(stats.retentionDaysAtObservedRate)
        let expected = Double(stats.capacityBytes) / (Double(stats.usedBytes) / 19_000) / 86_400_000
        #expect(abs(days - expected) < 1e-9)
        let estimate = JournalStatistics.retentionDays(capacityBytes: 64 << 20, payloadBytes: 400, recordsPerSecond: 1,
                                                       commitIntervalSeconds: 1, programSize: 256)
        #expect(abs(estimate - Double(64 << 20) / (424 + 128) / 86_400) < 1e-9)
    }

    @Test func openingABlankDeviceSaysItIsNotFormattedAndTooSmallGeometryIsRefused() {
        #expect(throws: JournalError(.notFormatted, "no valid segment header in 6 segments")) {
            try Journal(opening: EmulatedFlash(geometry: Self.geometry))
        }
        let tiny = BlockDeviceGeometry(programSize: 16, eraseSize: 256, blockCount: 4)
        #expect(throws: JournalError.self) { try Journal(opening: EmulatedFlash(geometry: tiny)) }
    }

    @Test func aFailedCommitKeepsItsRecordsPendingAndWritesEachOnce() throws {
        let flash = EmulatedFlash(geometry: Self.geometry)
        let journal = try Journal.format(flash)
        for index in 0..<3 { try journal.append(type: Self.data, timestamp: 0, payload: payload(index)) }
        flash.faults.failures = [flash.operationCount: .ioError]  // the commit's program fails
        #expect(throws: JournalError.self) { try journal.commit() }
        try journal.append(type: Self.data, timestamp: 0, payload: payload(3))
        try journal.commit()
        #expect(try journal.records(from: 0).map(\.payload) == (0..<4).map { payload($0) })
        #expect(flash.violations.isEmpty)
    }

    @Test func aBadBlockIsSkippedAndTheRingStillWraps() throws {
        let flash = EmulatedFlash(geometry: Self.geometry, faults: FlashFaults(badBlocks: [2]))
        let journal = try Journal.format(flash)
        try journal.register(consumer: "a")
        var failures = 0
        for index in 0..<300 {
            try journal.append(type: Self.data, timestamp: Int64(index), payload: payload(index))
            do { try journal.commit() } catch { failures += 1 }
            try journal.acknowledge("a", through: journal.lastDurableSequence)
        }
        #expect(failures == 1)  // the first attempt to open a segment in block 2
        #expect(flash.eraseCounts[2] == 0)
        #expect(try journal.records(from: 0).last?.payload == payload(299))
        #expect(flash.violations.isEmpty)
    }
}
