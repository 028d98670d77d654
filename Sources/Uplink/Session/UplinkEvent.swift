import Wire

/// What the daemon tells an `UplinkSession` (with `UplinkNow`); the session answers each with
/// the actions to take (`UplinkAction`).
public enum UplinkEvent: Sendable, Equatable {
    /// Time passed. The daemon ticks at least by `nextWakeup`, or simply every 100 ms or so.
    case tick
    /// The TCP connection asked for by `.connect` is up.
    case connected
    /// The connection failed, was refused, or closed (by the peer or an error): not after a
    /// `.close`, which the session already counts.
    case disconnected(reason: String)
    /// A data segment from the platform, already framed, CRC-checked and (2025 SM4) decrypted
    /// by the daemon (`HJ212FrameDecoder`): a 9014/9013 acknowledgement or a request.
    case received(HJ212DataSegment)
    /// Records the daemon has just journaled (`after` = the previous batch's `through`), as
    /// uplink messages: the live feed, sent at once when the link is up and the live lane has
    /// room, else left to the backlog. Sent whether or not the link is up.
    case appended(UplinkBatch)
    /// The answer to `.fetch` (the backlog read).
    case fetched(UplinkBatch)
    /// The answer to `.fetchHistory` (a page of a platform history pull).
    case historyFetched(UplinkBatch)
    /// The daemon carried out `.setClock` or `.storeKey` for the request `qn`.
    case executed(qn: String, result: HJ212ExecutionReturn)
}
