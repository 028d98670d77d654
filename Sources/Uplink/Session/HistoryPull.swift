import Wire

/// A platform history pull in progress (CN 2051/2061/2031 with BeginTime/EndTime): after the
/// 9011, the records are read from the journal a page at a time, each sent with Flag bit A and
/// paced like the backlog; the 9012 follows when the last one is acknowledged (ExeRtn 1), or at
/// once when there was none (ExeRtn 100). One pull at a time; a second one is answered busy.
struct HistoryPull: Sendable, Equatable {
    /// The request's QN, which the 9012 repeats.
    var qn: HJ212Timestamp
    var command: HJ212CommandCode
    /// The period starts asked for, UTC epoch milliseconds (BeginTime…EndTime in local time).
    var from: Int64
    var through: Int64
    /// Sequences up to here have been read.
    var afterSequence: UInt64 = 0
    /// Messages read and not yet sent.
    var page: [UplinkMessage] = []
    var awaitingRead = false
    var reachedEnd = false
    /// Records sent and acknowledged.
    var delivered = 0
}
