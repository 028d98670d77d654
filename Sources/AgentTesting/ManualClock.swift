import FieldBus

/// A clock that moves only when told: tests advance it, and `sleep(until:)` jumps to the
/// deadline at once. Shared by reference between the fakes of one test (link, direction line,
/// stream) so they all see the same time. Wall time = `wallOrigin` + monotonic time, and
/// `stepWallClock(by:)` moves it as an NTP step or an HJ 212 time set would.
public final class ManualClock: MonotonicClock, WallClock {
    public private(set) var instant: MonotonicInstant
    public var wallOrigin: WallTime
    /// Every `sleep(until:)` deadline, in order.
    public private(set) var sleeps: [MonotonicInstant] = []

    public init(start: MonotonicInstant = MonotonicInstant(nanoseconds: 1_000_000_000),
                wallOrigin: WallTime = WallTime(secondsSinceEpoch: 1_767_225_600)) {
        self.instant = start
        self.wallOrigin = wallOrigin
    }

    public func now() -> MonotonicInstant { instant }

    public func sleep(until deadline: MonotonicInstant) {
        sleeps.append(deadline)
        advance(to: deadline)
    }

    public func wallTime() -> WallTime {
        WallTime(nanosecondsSinceEpoch: wallOrigin.nanosecondsSinceEpoch &+ Int64(clamping: instant.nanoseconds))
    }

    /// Moves to `deadline` when it is later than now (time never goes back).
    public func advance(to deadline: MonotonicInstant) {
        if deadline > instant { instant = deadline }
    }

    public func advance(microseconds: Int) { advance(to: instant.adding(microseconds: microseconds)) }

    public func advance(milliseconds: Int) { advance(to: instant.adding(milliseconds: milliseconds)) }

    /// Steps the wall clock (not the monotonic one).
    public func stepWallClock(byNanoseconds delta: Int64) {
        wallOrigin = WallTime(nanosecondsSinceEpoch: wallOrigin.nanosecondsSinceEpoch &+ delta)
    }
}
