/// What `Journal.statistics()` reports: size, fill, time span, consumers' lag, and how long the
/// ring holds data at the rate observed so far.
public struct JournalStatistics: Equatable, Sendable {
    public var geometry: BlockDeviceGeometry
    /// Segments that can hold records (blocks minus those found bad).
    public var usableSegments: Int
    public var liveSegments: Int
    /// Bytes of records the ring can hold when full (headers and reserves excluded).
    public var capacityBytes: Int
    /// Bytes the live segments occupy now.
    public var usedBytes: Int
    public var oldestSequence: UInt64
    public var newestSequence: UInt64
    /// Earliest and latest timestamp held (nil when empty).
    public var oldestTimestamp: Int64?
    public var newestTimestamp: Int64?
    /// Consumer name → records appended after its cursor.
    public var consumerLag: [String: UInt64]

    /// Fraction of the capacity in use (0…1).
    public var fill: Double { capacityBytes == 0 ? 0 : min(1, Double(usedBytes) / Double(capacityBytes)) }

    /// Days of data the ring holds at the rate observed so far (bytes used over the time span
    /// held); nil until the span is non-zero.
    public var retentionDaysAtObservedRate: Double? {
        guard let oldest = oldestTimestamp, let newest = newestTimestamp, newest > oldest, usedBytes > 0 else { return nil }
        let bytesPerMillisecond = Double(usedBytes) / Double(newest - oldest)
        return Double(capacityBytes) / bytesPerMillisecond / 86_400_000
    }

    /// Days of data `capacityBytes` hold at `recordsPerSecond` records of `payloadBytes` each,
    /// committed every `commitIntervalSeconds` on a device with `programSize` (each commit pads
    /// to a program unit: half a unit on average).
    public static func retentionDays(capacityBytes: Int, payloadBytes: Int, recordsPerSecond: Double,
                                     commitIntervalSeconds: Double, programSize: Int) -> Double {
        let recordBytes = Double(RecordCodec.headerSize + payloadBytes) * recordsPerSecond
        let paddingBytes = Double(programSize) / 2 / max(commitIntervalSeconds, 1e-3)
        return Double(capacityBytes) / (recordBytes + paddingBytes) / 86_400
    }
}

extension Journal {
    /// Size, fill, time span, consumer lag (no device access: from the segment index).
    public func statistics() -> JournalStatistics {
        let geometry = storage.geometry
        let usable = geometry.blockCount - badBlocks.count
        let perSegment = storage.segmentSize - SegmentHeader.maximumSize - gapReserve
        let used = live.dropLast().reduce(0) { $0 + storage.segmentSize - $1.headerLength - gapReserve }
            + max(0, position.offset - (live.last?.headerLength ?? 0))
        let nonEmpty = live.filter { !$0.isEmpty }
        var lag: [String: UInt64] = [:]
        for (name, cursor) in cursors.acknowledged { lag[name] = lastDurableSequence - min(cursor, lastDurableSequence) }
        return JournalStatistics(
            geometry: geometry, usableSegments: usable, liveSegments: live.count,
            capacityBytes: (usable - 1) * perSegment, usedBytes: used,
            oldestSequence: live.first?.firstSequence ?? nextSequence, newestSequence: lastDurableSequence,
            oldestTimestamp: nonEmpty.map(\.earliest).min(), newestTimestamp: nonEmpty.map(\.latest).max(),
            consumerLag: lag)
    }
}
