/// Decides which minute, hour and day history to pull from a gateway (CN 2051/2061/2031 with
/// BeginTime/EndTime), as a state machine over times it is given (docs/relay.md "History pulls").
///
/// When a period upload arrives whose start is more than one period after the newest one stored
/// before it, the periods between are missing. The gateway's own backfill usually sends them
/// (real-time first, backlog after, rate-limited), so a gap is only noted here with a due time
/// `delay` later, and a due gap waits on while the site's backfill is still running (a resend, or
/// a real-time second older than the newest one seen, within the last `delay`). When it is due,
/// the caller asks the store which of those periods are still missing and pulls each run of them
/// (`missingRuns`). At most `maxPeriodsPerPull` of the newest missing
/// periods are pulled for one gap: an older loss is the report's business, not a flood of frames.
struct HistoryGapPlanner: Sendable {
    /// A gap waiting for its pull: period starts `begin…end` (UTC epoch s, inclusive) of `command`.
    struct Gap: Sendable, Equatable {
        var mn: String
        var command: Int
        var begin: Int64
        var end: Int64
        var period: Int64
        /// UTC epoch ms at which the pull is due.
        var due: Int64
    }

    let delayMilliseconds: Int64
    let maxPeriodsPerPull: Int64
    private(set) var pending: [Gap] = []
    /// Per site: the newest real-time second seen, and when backfill was last seen (UTC ms).
    private var newestRealtime: [String: Int64] = [:]
    private var lastBackfill: [String: Int64] = [:]

    init(delaySeconds: Int, maxPeriodsPerPull: Int64 = 1440) {
        delayMilliseconds = Int64(delaySeconds) * 1000
        self.maxPeriodsPerPull = maxPeriodsPerPull
    }

    /// A period starting at `start` arrived and the newest stored one before it starts at
    /// `previous`; returns the gap noted, if the two are not consecutive.
    @discardableResult
    mutating func noteArrival(mn: String, command: Int, start: Int64, previous: Int64?, period: Int64,
                              now: Int64) -> Gap? {
        guard let previous, period > 0, start - previous > period else { return nil }
        let end = start - period
        let begin = max(previous + period, end - (maxPeriodsPerPull - 1) * period)
        let gap = Gap(mn: mn, command: command, begin: begin, end: end, period: period, due: now + delayMilliseconds)
        if pending.contains(where: { $0.mn == mn && $0.command == command && $0.begin <= begin && $0.end >= end }) {
            return nil
        }
        pending.append(gap)
        return gap
    }

    /// Notes an upload of site `mn` (real-time or not, `resend` when RF=1) received at `now`, to
    /// tell whether its backfill is still running.
    mutating func noteUpload(mn: String, realtimeSecond: Int64?, resend: Bool, now: Int64) {
        var backfill = resend
        if let second = realtimeSecond {
            if let newest = newestRealtime[mn], second < newest { backfill = true }
            newestRealtime[mn] = max(newestRealtime[mn] ?? .min, second)
        }
        if backfill { lastBackfill[mn] = now }
    }

    /// Removes and returns the gaps due at `now`; a due gap of a site whose backfill ran within the
    /// last `delay` is postponed until `delay` after it.
    mutating func takeDue(now: Int64) -> [Gap] {
        var due: [Gap] = []
        for index in pending.indices where pending[index].due <= now {
            if let backfill = lastBackfill[pending[index].mn], backfill + delayMilliseconds > now {
                pending[index].due = backfill + delayMilliseconds
            } else {
                due.append(pending[index])
            }
        }
        pending.removeAll { gap in due.contains(gap) }
        return due
    }

    /// When the next gap is due (UTC epoch ms), if any.
    var nextDue: Int64? { pending.map(\.due).min() }

    /// The runs of period starts in `begin…end` (step `period`) not in `present`, as inclusive ranges.
    static func missingRuns(begin: Int64, end: Int64, period: Int64, present: [Int64]) -> [ClosedRange<Int64>] {
        guard period > 0, begin <= end else { return [] }
        let have = Set(present)
        var runs: [ClosedRange<Int64>] = []
        var runStart: Int64?
        var start = begin
        while start <= end {
            if have.contains(start) {
                if let first = runStart { runs.append(first...(start - period)) }
                runStart = nil
            } else if runStart == nil {
                runStart = start
            }
            start += period
        }
        if let first = runStart { runs.append(first...(start - period)) }
        return runs
    }
}
