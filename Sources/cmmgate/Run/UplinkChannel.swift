import AgentCore
import DeviceIO
import Journal
import Metering
import Uplink
import Wire

/// What an uplink thread asks of the main thread, which alone owns the journal and the clock
/// (docs/uplink.md, "Daemon"): reads of the journal, moving its consumer cursor, events to
/// journal, log lines, and proof of progress for the liveness ledger.
enum UplinkRequest: Sendable {
    case fetch(UplinkAction.BacklogFetch)
    case fetchHistory(UplinkAction.HistoryFetch)
    case acknowledge(through: UInt64)
    case setClock(UplinkAction.ClockSetting)
    case storeKey(UplinkAction.KeyUpdate)
    case journal(AgentEvent)
    case settingsChanged(UplinkSessionSettings)
    case log(UplinkAction.LogLevel, String)
    case alive
}

/// What the main thread gives an uplink thread: the live feed of newly committed records, the
/// answers to its reads, and the outcome of what it asked to be executed.
enum UplinkInput: Sendable {
    case appended(UplinkBatch)
    case fetched(UplinkBatch)
    case historyFetched(UplinkBatch)
    case executed(qn: String, result: HJ212ExecutionReturn)
    /// The platform's new SM4 key (CN 1014), already stored: use it from the next frame on.
    case newKey([UInt8])

    /// The session event it is, or nil for what only the thread handles (`newKey`).
    var event: UplinkEvent? {
        switch self {
        case .appended(let batch): return .appended(batch)
        case .fetched(let batch): return .fetched(batch)
        case .historyFetched(let batch): return .historyFetched(batch)
        case .executed(let qn, let result): return .executed(qn: qn, result: result)
        case .newKey: return nil
        }
    }
}

/// The two mailboxes between the main thread and one uplink thread; the stop flag is the
/// inbound mailbox's.
final class UplinkChannel: Sendable {
    let toUplink = Mailbox<UplinkInput>()
    let fromUplink = Mailbox<UplinkRequest>()
}
