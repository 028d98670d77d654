/// The token bucket that paces backlog and history frames: `perSecond` tokens a second, at most
/// one second's worth saved up. Counted in thousandths of a token so that whole milliseconds
/// give exact refills.
struct PacingBucket: Sendable, Equatable {
    let perSecond: Int64
    private(set) var milliTokens: Int64
    private var refilledAt: Int64?

    init(perSecond: Int) {
        self.perSecond = Int64(max(perSecond, 1))
        milliTokens = self.perSecond * 1000
    }

    private var capacity: Int64 { perSecond * 1000 }

    /// Adds the tokens earned since the last refill (monotonic milliseconds).
    mutating func refill(at now: Int64) {
        if let refilledAt, now > refilledAt {
            let elapsed = min(now - refilledAt, 1_000_000)
            milliTokens = min(capacity, milliTokens + elapsed * perSecond)
        }
        refilledAt = max(refilledAt ?? now, now)
    }

    /// Whether a frame may go now.
    var canSpend: Bool { milliTokens >= 1000 }

    /// One frame went (a split message's later parts may take the balance below zero).
    mutating func spend() { milliTokens -= 1000 }

    /// When the next frame may go, given the balance at `now` (after `refill(at: now)`).
    func nextToken(after now: Int64) -> Int64 {
        canSpend ? now : now + (1000 - milliTokens + perSecond - 1) / perSecond
    }
}
