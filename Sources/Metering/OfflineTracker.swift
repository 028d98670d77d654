/// Tells when a meter (or a bus: use a separate tracker) goes offline and comes back, from the
/// outcome of each poll. A state machine: it takes outcomes with their second and never reads a
/// clock.
///
/// A meter is offline once it has failed continuously for `offlineAfterSeconds`: failing since
/// second `s0` (its first failure after a success, or its first poll), the failure observed at
/// second `s` with `s − s0 + 1 ≥ offlineAfterSeconds` (the N-th failed second of a 1-s poll) makes
/// it offline since `s0`. The first success after that brings it back online, down for `s − s0`
/// seconds. Meters are numbered from 0 (their index in the configuration).
public struct OfflineTracker: Sendable, Equatable {
    /// Seconds of continuous failure before a meter is offline (1 or more).
    public let offlineAfterSeconds: Int
    private var meters: [MeterState]

    struct MeterState: Sendable, Equatable {
        /// First second of the current run of failures, if failing.
        var failingSince: Int64?
        var offline = false
    }

    /// A tracker with every meter online; `meterCount` only reserves room (meters beyond it are
    /// added when first observed).
    public init(offlineAfterSeconds: Int, meterCount: Int = 0) {
        precondition(offlineAfterSeconds >= 1, "a meter is offline after at least 1 s of failure")
        self.offlineAfterSeconds = offlineAfterSeconds
        meters = Array(repeating: MeterState(), count: max(0, meterCount))
    }

    /// Records one poll of `meter` at `second` and returns the transition it causes, if any.
    public mutating func observe(meter: Int, success: Bool, second: Int64) -> OfflineTransition? {
        precondition(meter >= 0, "meter indices start at 0")
        if meter >= meters.count {
            meters.append(contentsOf: repeatElement(MeterState(), count: meter + 1 - meters.count))
        }
        var state = meters[meter]
        defer { meters[meter] = state }
        if success {
            guard let since = state.failingSince else { return nil }
            let wasOffline = state.offline
            state = MeterState()
            return wasOffline ? .online(at: second, downSeconds: max(0, second - since)) : nil
        }
        let since = state.failingSince ?? second
        state.failingSince = since
        guard !state.offline, second - since + 1 >= Int64(offlineAfterSeconds) else { return nil }
        state.offline = true
        return .offline(since: since)
    }

    /// Whether `meter` is offline now.
    public func isOffline(meter: Int) -> Bool {
        meter >= 0 && meter < meters.count && meters[meter].offline
    }

    /// The meters offline now, in index order.
    public var offlineMeters: [Int] {
        meters.indices.filter { meters[$0].offline }
    }
}

/// A change of a meter's (or bus's) availability.
public enum OfflineTransition: Sendable, Equatable {
    /// Failing continuously since second `since`, now long enough to count as offline.
    case offline(since: Int64)
    /// Answered again at second `at` after `downSeconds` since its first failure.
    case online(at: Int64, downSeconds: Int64)
}
