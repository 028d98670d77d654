import FieldBus

/// What a bus poller thread tells the main loop (through a `Mailbox`): the results of one
/// planned request, or that its port or endpoint became unusable or works again. `bus` is the
/// bus's position in `SiteConfig.buses`. Times are the poller's clock readings.
public enum BusReport: Sendable {
    /// One request ran; one result per configured read it serves.
    case polled(bus: Int, results: [PollResult])
    /// The port failed (vanished, refused to open, TCP endpoint unreachable): every read on the
    /// bus is a communication failure until `restored`. `reason` says what failed and where.
    case outage(bus: Int, reason: String, monotonicNanoseconds: UInt64, wallNanoseconds: Int64)
    /// The port is open again after an outage.
    case restored(bus: Int, monotonicNanoseconds: UInt64, wallNanoseconds: Int64)
    /// The poller's loop went round without a result to report (idle until the next due
    /// request, or backing off): proof of progress for the liveness ledger.
    case alive(bus: Int)

    /// The bus the report is about.
    public var bus: Int {
        switch self {
        case .polled(let bus, _), .outage(let bus, _, _, _), .restored(let bus, _, _), .alive(let bus): return bus
        }
    }
}
