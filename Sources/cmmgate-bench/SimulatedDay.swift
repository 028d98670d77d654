import AgentCore
import Journal

/// A stretch of 1-second operation of a site, journaled as `cmmgate run` journals it: the
/// `RuntimeDrive` of `cmmgate-bench runtime` (synthetic in-range readings, `AgentRuntime`, 1 s
/// group commit on a `MemoryBlockDevice` with the journal file's geometry and the configured
/// size), run over any UTC seconds. Used by `uplink-bytes` (what a day costs on the wire) and
/// `backlog-journal` (a day's journal file for the drain figure).
enum SimulatedDay {
    /// The local midnight that starts 2026-12-02 at the site's UTC offset (UTC epoch s).
    static func localMidnight(_ config: SiteConfig) -> Int64 {
        RuntimeBench.startSecond - Int64(config.identity.utcOffsetMinutes) * 60
    }

    /// Runs the site for the UTC seconds `from..<through` and commits what is pending.
    static func run(config: SiteConfig, from: Int64, through: Int64) throws -> RuntimeDrive {
        var drive = try RuntimeDrive(config: config, firstSecond: from)
        for second in from..<through {
            try drive.mainLoop(second: second, reports: drive.polls(second: second))
        }
        try drive.journal.commit()
        return drive
    }

    /// Every record of `journal`, oldest first, read in pages.
    static func records<Device: BlockDevice>(of journal: Journal<Device>) throws -> [JournalRecord] {
        var all: [JournalRecord] = []
        var next: UInt64 = 0
        while true {
            let page = try journal.records(from: next, limit: 4096)
            guard let last = page.last else { return all }
            all.append(contentsOf: page)
            next = last.sequence + 1
        }
    }
}
