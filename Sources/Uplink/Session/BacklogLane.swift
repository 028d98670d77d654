/// The backlog reader's state: where its scan of the journal stands, the page it holds, and
/// whether it waits for a read or has found the end. Everything it holds is one page
/// (`fetchLimit` messages), whatever the length of the backlog in the journal.
struct BacklogLane: Sendable, Equatable {
    /// Every sequence up to here has been read and classified (sent, handed to the live lane,
    /// settled, or in `page`). Rewound to the journal cursor on each connection.
    var scanPosition: UInt64
    /// Messages read and not yet sent, in sequence order.
    var page: [UplinkMessage] = []
    /// A `.fetch(after: scanPosition)` awaits its `.fetched`.
    var awaitingRead = false
    /// The last read reached the end of the journal; read again at `recheckAt` or when told of
    /// records the live lane did not take.
    var drained = false
    /// Monotonic milliseconds of the next read once drained.
    var recheckAt: Int64 = 0

    init(scanPosition: UInt64) { self.scanPosition = scanPosition }
}
