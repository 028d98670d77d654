import DeviceIO
import Journal
import Wire

/// `cmmgate journal stats FILE`: size, fill, record counts by type, time span, capacity in days
/// at the observed rate, consumers and their lag, one `name: value` line each.
enum JournalStatsText {
    static func run(_ path: String) throws(JournalFile.Failure) -> Int32 {
        let journal = try JournalFile.open(path)
        let counts: [RecordType: Int]
        do {
            counts = try countByType(journal)
        } catch {
            throw JournalFile.Failure(description: "reading \(path): \(error)", status: ExitStatus.failure)
        }
        StandardStreams.writeOut(render(path: path, journal.statistics(), counts: counts,
                                        cursors: journal.consumers.map { ($0, journal.acknowledged(by: $0) ?? 0) }))
        return ExitStatus.success
    }

    /// Records by type over the whole ring (a full scan; acknowledgements are internal and not read).
    static func countByType(_ journal: Journal<FileBlockDevice>) throws(JournalError) -> [RecordType: Int] {
        var counts: [RecordType: Int] = [:]
        var next: UInt64 = 0
        while true {
            let batch = try journal.records(from: next, limit: 4096)
            guard let last = batch.last else { return counts }
            for record in batch { counts[record.type, default: 0] += 1 }
            next = last.sequence + 1
        }
    }

    static func render(path: String, _ stats: JournalStatistics, counts: [RecordType: Int],
                       cursors: [(String, UInt64)]) -> String {
        let geometry = stats.geometry
        var text = "journal:     \(path)\n"
        text += "size:        \(geometry.totalSize) bytes (\(geometry.blockCount) segments of \(geometry.eraseSize) bytes, "
            + "program unit \(geometry.programSize) bytes)\n"
        text += "segments:    \(stats.liveSegments) live of \(stats.usableSegments) usable\n"
        text += "fill:        \(stats.usedBytes) of \(stats.capacityBytes) bytes (\(decimal(stats.fill * 100, digits: 1)) %)\n"
        let total = counts.values.reduce(0, +)
        text += "records:     \(total)"
        if !counts.isEmpty {
            text += " (" + counts.keys.sorted { $0.rawValue < $1.rawValue }
                .map { "0x\(Hex.byte2($0.rawValue)) \($0.isApplicationType ? "" : "\($0) ")\(counts[$0]!)" }
                .joined(separator: ", ") + ")"
        }
        text += "\n"
        text += "sequences:   \(stats.oldestSequence)…\(stats.newestSequence)\n"
        text += "oldest:      \(stats.oldestTimestamp.map { LocalTime.iso8601(milliseconds: $0) } ?? "none")\n"
        text += "newest:      \(stats.newestTimestamp.map { LocalTime.iso8601(milliseconds: $0) } ?? "none")\n"
        if let days = stats.retentionDaysAtObservedRate {
            text += "capacity:    \(decimal(days, digits: 2)) days at the observed rate\n"
        } else {
            text += "capacity:    unknown (no records spanning time yet)\n"
        }
        text += "consumers:   \(cursors.count)\n"
        for (name, cursor) in cursors {
            text += "  \(name.padded(to: 32))acknowledged through \(cursor), lag \(stats.consumerLag[name] ?? 0) records\n"
        }
        return text
    }

    /// `value` with `digits` decimals, rounded (no Foundation formatter on the box).
    static func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        return (value < 0 && scaled != 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + fraction : "")
    }
}
