/// Which request of a bus is due next (issue 3, "Bus scheduling"): each request keeps its own
/// period, anchored at the start so it does not drift; the earliest-due request runs first
/// (shorter periods first on ties, then plan order). A request that falls a whole period or
/// more behind skips the missed slots and counts them as `missedSlots`: slipping is reported,
/// never silent, and a slow bus does not turn into a burst of catch-up reads.
///
/// A request whose device stays silent (every attempt timed out, twice or more in a row) is on
/// probation: it is tried again after twice its period, then four times, … up to
/// `probationCapMilliseconds`, until it answers. On a shared RS-485 line every silent attempt
/// holds the bus for the response timeout times the attempts, so without this one dead meter
/// would starve the live ones of their 1-second readings (its own values are B either way). Its
/// first answer puts it back on its period at once.
public struct PollSchedule: Sendable, Equatable {
    public let requests: [PollRequest]
    public private(set) var nextDue: [MonotonicInstant]
    /// Slots skipped per request because the previous read finished too late.
    public private(set) var missedSlots: [Int]
    /// Silent completions in a row per request (reset by any answer).
    public private(set) var consecutiveSilences: [Int]
    /// The longest wait between two tries of a request on probation, ms.
    public var probationCapMilliseconds = 30_000

    /// Every request is due at `start`.
    public init(requests: [PollRequest], start: MonotonicInstant) {
        self.requests = requests
        self.nextDue = Array(repeating: start, count: requests.count)
        self.missedSlots = Array(repeating: 0, count: requests.count)
        self.consecutiveSilences = Array(repeating: 0, count: requests.count)
    }

    /// The request due first and when, or nil for an empty plan.
    public func next() -> (index: Int, due: MonotonicInstant)? {
        var best: Int?
        for index in requests.indices {
            guard let current = best else { best = index; continue }
            let key = (nextDue[index], requests[index].periodMilliseconds)
            let bestKey = (nextDue[current], requests[current].periodMilliseconds)
            if key.0 < bestKey.0 || (key.0 == bestKey.0 && key.1 < bestKey.1) { best = index }
        }
        return best.map { ($0, nextDue[$0]) }
    }

    /// The request to run at `now`, or nil when none is due yet (sleep until `next().due`).
    public func due(at now: MonotonicInstant) -> Int? {
        guard let next = next(), next.due <= now else { return nil }
        return next.index
    }

    /// Records that request `index` ran and finished at `now`; `silent` when its device never
    /// answered (every attempt timed out), which after the second time in a row puts it on
    /// probation (see the type's comment).
    public mutating func completed(_ index: Int, at now: MonotonicInstant, silent: Bool) {
        consecutiveSilences[index] = silent ? consecutiveSilences[index] + 1 : 0
        let silences = consecutiveSilences[index]
        guard silences >= 2 else { return completed(index, at: now) }
        let period = requests[index].periodMilliseconds
        let factor = 1 << min(silences - 1, 20)
        let wait = min(probationCapMilliseconds, period.multipliedReportingOverflow(by: factor).overflow ? Int.max : period * factor)
        nextDue[index] = now.adding(milliseconds: max(period, wait))
    }

    /// Records that request `index` ran (successfully or not) and finished at `now`.
    public mutating func completed(_ index: Int, at now: MonotonicInstant) {
        let period = UInt64(requests[index].periodMilliseconds) * 1_000_000
        var due = nextDue[index].adding(nanoseconds: period)
        // Late by less than a period: run late (jitter). A whole period or more: skip those slots.
        let behind = now.nanoseconds(since: due) / period
        if behind > 0 {
            missedSlots[index] += Int(behind)
            due = due.adding(nanoseconds: behind * period)
        }
        nextDue[index] = due
    }
}
