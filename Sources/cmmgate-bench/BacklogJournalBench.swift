import AgentCore
import DeviceIO
import Glibc
import Journal

/// `cmmgate-bench backlog-journal --config FILE --journal PATH [--seconds N] [--end UNIX_S]`:
/// a journal file holding N seconds (default 86400) of the site's 1-second operation that ends
/// just before UTC second `--end` (default: now), as `cmmgate run` would have journaled them
/// while its uplink was down: the backlog of the drain figure (Scripts/bench-uplink drain).
///
/// The records come from `SimulatedDay` (AgentRuntime, synthetic in-range readings, 1 s group
/// commit) on a `MemoryBlockDevice` with the journal file's geometry and the configured size,
/// so writing them costs no fdatasync per second; the device is then written out as a
/// `FileBlockDevice` file (the file is the device's bytes: 512-byte program unit, 64 KiB
/// segments, erased 0x00), made as `JournalFileProvisioner` makes one (`PATH.new`, synced,
/// renamed), and opened back with `JournalFileProvisioner.open` as `cmmgate run --journal PATH`
/// opens it, to check it. No consumer is registered: an uplink's consumer starts at the oldest
/// record, so the whole day is its backlog. PATH must not exist.
///
/// Prints `backlog_first_second`, `backlog_last_second`, the records per type, the file's bytes
/// and the time it took.
enum BacklogJournalBench {
    static func run(_ arguments: [String]) -> Int32 {
        var (configPath, journalPath) = ("", "")
        var seconds: Int64 = 86_400
        var end = Int64(time(nil))
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--config": configPath = rest.popFirst() ?? ""
            case "--journal": journalPath = rest.popFirst() ?? ""
            case "--seconds": seconds = rest.popFirst().flatMap { Int64($0) } ?? 0
            case "--end": end = rest.popFirst().flatMap { Int64($0) } ?? 0
            default: configPath = ""; rest = []
            }
        }
        guard !configPath.isEmpty, !journalPath.isEmpty, seconds > 0, end > seconds else {
            print("usage: cmmgate-bench backlog-journal --config FILE --journal PATH [--seconds N] [--end UNIX_S]")
            return 64
        }
        do {
            let started = BenchClock.nanoseconds()
            let config = try RuntimeBench.loadConfig(configPath)
            let drive = try SimulatedDay.run(config: config, from: end - seconds, through: end)
            try writeImage(of: drive.device, to: journalPath)
            let configuration = JournalConfiguration(commitIntervalMilliseconds: Int64(config.agent.commitIntervalMilliseconds))
            let opened = try JournalFileProvisioner.open(path: journalPath, sizeBytes: config.agent.journalSizeBytes,
                                                         configuration: configuration)
            let records = try SimulatedDay.records(of: opened.journal)
            print("backlog_first_second \(end - seconds) s")
            print("backlog_last_second \(end - 1) s")
            print("backlog_records \(records.count) records")
            for (type, name) in AgentRecordType.all {
                print("backlog_\(name)_records \(records.filter { $0.type == type }.count) records")
            }
            print("backlog_file_bytes \(drive.device.geometry.totalSize) bytes")
            print("backlog_programmed_bytes \(drive.device.programmedBytes) bytes")
            print("backlog_make_s \(String(Double(BenchClock.nanoseconds() - started) / 1e9)) s")
            return 0
        } catch {
            print("backlog-journal bench failed: \(error)")
            return 1
        }
    }

    /// Writes `device`'s bytes to a new journal file at `path` (via `PATH.new`, synced, renamed).
    static func writeImage(of device: MemoryBlockDevice, to path: String) throws {
        let geometry = device.geometry
        let staging = path + ".new"
        unlink(staging)
        let file = try FileBlockDevice.create(path: staging, blockCount: geometry.blockCount,
                                              programSize: geometry.programSize, eraseSize: geometry.eraseSize)
        for block in 0..<geometry.blockCount {
            let bytes = try device.read(at: block * geometry.eraseSize, count: geometry.eraseSize)
            guard bytes.contains(where: { $0 != geometry.erasedByte }) else { continue }  // the file reads 0x00 already
            try bytes.withUnsafeBytes { try file.program(at: block * geometry.eraseSize, $0) }
        }
        try file.sync()
        guard rename(staging, path) == 0 else {
            throw RuntimeBench.BenchError(description: "cannot rename \(staging) to \(path): \(String(cString: strerror(errno)))")
        }
        try DirectorySync.syncParent(of: path)
    }
}
