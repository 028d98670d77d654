/// Which request of a bus is due next (issue 3, "Bus scheduling"): each request keeps its own
/// period, anchored at the start so it does not drift; the earliest-due request runs first
/// (shorter periods first on ties, then plan order). A request that falls a whole period or
/// more behind skips the missed slots and counts them as `missedSlots`: slipping is reported,
/// never silent, and a slow bus does not turn into a burst of catch-up reads.
public struct PollSchedule: Sendable, Equatable {
    public let requests: [PollRequest]
    public private(set) var nextDue: [MonotonicInstant]
    /// Slots skipped per request because the previous read finished too late.
    public private(set) var missedSlots: [Int]

    /// Every request is due at `start`.
    public init(requests: [PollRequest], start: MonotonicInstant) {
        self.requests = requests
        self.nextDue = Array(repeating: start, count: requests.count)
        self.missedSlots = Array(repeating: 0, count: requests.count)
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
