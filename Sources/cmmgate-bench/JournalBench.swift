import AgentTesting
import DeviceIO
import Glibc
import Journal

/// Journal figures for docs/BENCHMARKS.md:
/// - `journal_append_ns_per_record`: append + a group commit every 16 records, 400-byte payloads,
///   on the in-memory emulated flash (the journal's own cost, no I/O);
/// - `journal_write_amplification_pN`: bytes programmed per payload byte at 1-second group
///   commit on flash with an N-byte program unit, for the realistic stream (one 400-byte
///   real-time record per second, a minute record every 60 s, two uplinks acknowledging every
///   second), counted at the device; erases are reported apart (`_erase_bytes_per_payload_byte`);
/// - `journal_mount_ms_64mb` and `journal_scan_mb_per_s_64mb`: opening (recovery) and a full
///   verify scan of a full 64 MiB journal file (warm page cache);
/// - `journal_hour_lookup_ms_64mb`: reading one hour by time range from that full ring.
///
/// `cmmgate-bench journal all [DIR]` prints them all (the file goes in DIR, default /tmp);
/// `cmmgate-bench journal append --count N` appends N records and prints nothing (for callgrind:
/// run N and 0 and divide the difference by N).
enum JournalBench {
    static let realtime = RecordType(rawValue: 0x10)
    static let minute = RecordType(rawValue: 0x11)

    static func run(_ arguments: [String]) -> Int32 {
        do {
            switch arguments.first {
            case "append" where arguments.count == 3 && arguments[1] == "--count":
                guard let count = Int(arguments[2]) else { break }
                try appendRecords(count)
                return 0
            case "all":
                try printAppendCost()
                for programSize in [16, 256, 512] { try printWriteAmplification(programSize: programSize) }
                try printFileFigures(directory: arguments.count > 1 ? arguments[1] : "/tmp")
                return 0
            default: break
            }
        } catch {
            print("journal bench failed: \(error)")
            return 1
        }
        print("usage: cmmgate-bench journal all [DIR] | append --count N")
        return 64
    }

    static func payload(_ index: Int, size: Int = 400) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: index &+ $0 &* 13) }
    }

    static func appendRecords(_ count: Int) throws {
        let flash = EmulatedFlash(geometry: BlockDeviceGeometry(programSize: 256, eraseSize: 64 * 1024, blockCount: 64))
        let journal = try Journal.format(flash)
        let record = payload(1)
        for index in 0..<count {
            try journal.append(type: realtime, timestamp: Int64(index) * 1000, payload: record)
            if index % 16 == 15 { try journal.commit() }
        }
        try journal.commit()
    }

    static func printAppendCost() throws {
        let count = 200_000
        let start = BenchClock.nanoseconds()
        try appendRecords(count)
        let elapsed = Double(BenchClock.nanoseconds() - start)
        print("journal_append_ns_per_record \(String(elapsed / Double(count))) ns")
    }

    /// One simulated day at one real-time record per second, committed every second.
    static func printWriteAmplification(programSize: Int) throws {
        let geometry = BlockDeviceGeometry(programSize: programSize, eraseSize: 64 * 1024, blockCount: 64)
        let flash = EmulatedFlash(geometry: geometry)
        let journal = try Journal.format(flash, configuration: JournalConfiguration(commitIntervalMilliseconds: 1000))
        for uplink in ["hj212", "compact"] { try journal.register(consumer: uplink) }
        try journal.commit()
        let programmedBefore = flash.programmedBytes
        let erasesBefore = flash.eraseCounts.reduce(0, +)
        var payloadBytes = 0
        for second in 0..<86_400 {
            let now = Int64(second) * 1000
            let record = payload(second)
            try journal.append(type: realtime, timestamp: 1_800_000_000_000 + now, payload: record)
            payloadBytes += record.count
            if second % 60 == 59 {
                let summary = payload(second, size: 200)
                try journal.append(type: minute, timestamp: 1_800_000_000_000 + now, payload: summary)
                payloadBytes += summary.count
            }
            if second > 0 {
                for uplink in ["hj212", "compact"] { try journal.acknowledge(uplink, through: journal.lastDurableSequence) }
            }
            try journal.commitIfDue(now: MonotonicInstant(milliseconds: now))
        }
        let programmed = Double(flash.programmedBytes - programmedBefore)
        let erased = Double((flash.eraseCounts.reduce(0, +) - erasesBefore) * geometry.eraseSize)
        print("journal_write_amplification_p\(programSize) \(String(programmed / Double(payloadBytes))) bytes_per_payload_byte")
        print("journal_erase_bytes_per_payload_byte_p\(programSize) \(String(erased / Double(payloadBytes))) bytes_per_payload_byte")
    }

    static func printFileFigures(directory: String) throws {
        let path = "\(directory)/cmmgate-journal-bench-\(getpid())"
        defer { unlink(path) }
        let device = try FileBlockDevice.create(path: path, blockCount: 1024)  // 64 MiB of 64 KiB segments
        let journal = try Journal.format(device, configuration: JournalConfiguration(maximumPendingBytes: 1 << 24))
        var second = 0
        while journal.statistics().liveSegments < 1024 || second < 200_000 {  // fill, then wrap once more
            try journal.append(type: realtime, timestamp: 1_800_000_000_000 + Int64(second) * 1000, payload: payload(second))
            second += 1
            if second % 600 == 0 { try journal.commit() }
        }
        try journal.commit()
        let mountStart = BenchClock.nanoseconds()
        let reopened = try Journal(opening: try FileBlockDevice(opening: path))
        let mountNanoseconds = Double(BenchClock.nanoseconds() - mountStart)
        let scanStart = BenchClock.nanoseconds()
        let report = try reopened.verify()
        let scanSeconds = Double(BenchClock.nanoseconds() - scanStart) / 1e9
        guard report.problems.isEmpty else { throw JournalError(.inconsistent, report.problems.joined(separator: "; ")) }
        print("journal_mount_ms_64mb \(String(mountNanoseconds / 1e6)) ms")
        print("journal_scan_mb_per_s_64mb \(String(Double(report.bytesScanned) / 1e6 / scanSeconds)) MB/s")
        let stats = reopened.statistics()
        let middle = ((stats.oldestTimestamp ?? 0) + (stats.newestTimestamp ?? 0)) / 2
        let lookupStart = BenchClock.nanoseconds()
        let hour = try reopened.records(between: middle...(middle + 3_599_999))
        let lookupMilliseconds = Double(BenchClock.nanoseconds() - lookupStart) / 1e6
        guard hour.count == 3600 else { throw JournalError(.inconsistent, "hour lookup returned \(hour.count) records") }
        print("journal_hour_lookup_ms_64mb \(String(lookupMilliseconds)) ms")
        print("journal_records_held_64mb \(report.records) records")
        if let days = stats.retentionDaysAtObservedRate {
            print("journal_retention_days_64mb_at_400B_per_s \(String(days)) days")
        }
    }
}
