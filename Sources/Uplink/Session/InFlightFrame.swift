import Wire

/// A frame sent with Flag bit A that waits for the platform's 9014 (9013 for a heartbeat) with
/// its QN. A split message has one part in flight at a time; the next part goes when this one is
/// acknowledged (HJ 212-2017 App. C.50, Flag=7).
struct InFlightFrame: Sendable, Equatable {
    /// Which stream the frame belongs to: the window and the pacing it counts against, and
    /// what its acknowledgement settles.
    enum Lane: Sendable, Equatable {
        /// A record sent as it was journaled.
        case live
        /// A record sent from the backlog (RF=1 in 2025).
        case backlog
        /// A record sent in answer to a history pull (RF=1 in 2025).
        case history
        /// A 9015 heartbeat (2025).
        case heartbeat
    }

    var lane: Lane
    /// The message the frame belongs to (nil for a heartbeat).
    var message: UplinkMessage?
    /// The index of the part in `message.segments`.
    var part: Int
    /// The segment as sent (QN, Flag, PW, RF set), resent as is after OverTime.
    var segment: HJ212DataSegment
    var qn: String
    /// Monotonic milliseconds at which the acknowledgement is overdue.
    var deadline: Int64
    /// Resends so far (at most ReCount).
    var resends: Int

    /// Whether the frame counts against the paced (backlog and history) window.
    var isPaced: Bool { lane == .backlog || lane == .history }
}
