import Journal
import Metering

/// What the runtime resumes from after a restart, collected from the journal in sequence order
/// with bounded memory (docs/architecture.md, "Restart"): the newest real-time second of any
/// configuration (no record is ever made again for a second up to it), this configuration's
/// statistics and accounting records of the newest local day, and its real-time records from the
/// minute before the newest closed minute on (the open minute is replayed from them; the minute
/// before only gives counters their reference).
///
/// Feed it every record from the first one of the local day of the newest record onwards.
/// A record whose payload does not decode is skipped and counted in `undecodable` with the first
/// such error kept, so a damaged record costs that record, never the restart.
public struct JournalHistory: Sendable {
    public let configurationTag: UInt32
    public private(set) var newestRealtimeSecond: Int64?
    public private(set) var realtime: [RealtimeRecord] = []
    public private(set) var statistics: [StatisticsRecord] = []
    public private(set) var accounting: [AccountingRecord] = []
    /// The newest site-information payload among the records fed (nil: none that day).
    public private(set) var newestSiteInformation: [UInt8]?
    public private(set) var undecodable = 0
    public private(set) var firstProblem: String?
    private var newestMinuteEnd: Int64?

    public init(configurationTag: UInt32) { self.configurationTag = configurationTag }

    /// Takes the next journal record (in sequence order).
    public mutating func add(_ record: JournalRecord) {
        do throws(MeteringError) {
            switch record.type {
            case AgentRecordType.realtime: addRealtime(try RealtimeRecordCodec.decode(record.payload))
            case AgentRecordType.siteInformation: newestSiteInformation = record.payload
            case AgentRecordType.statistics:
                let closed = try StatisticsRecordCodec.decode(record.payload)
                guard closed.configurationTag == configurationTag else { return }
                statistics.append(closed)
                if closed.kind == .minute { closedMinute(endingAt: closed.periodEnd) }
            case AgentRecordType.accounting:
                let closed = try AccountingRecordCodec.decode(record.payload)
                guard closed.configurationTag == configurationTag else { return }
                accounting.append(closed)
                if closed.kind == .minute { closedMinute(endingAt: closed.periodEnd) }
            default: return
            }
        } catch {
            undecodable += 1
            if firstProblem == nil {
                firstProblem = "record \(record.sequence) (type \(record.type)): \(error)"
            }
        }
    }

    private mutating func addRealtime(_ record: RealtimeRecord) {
        newestRealtimeSecond = max(newestRealtimeSecond ?? record.timestamp, record.timestamp)
        guard record.configurationTag == configurationTag else { return }
        realtime.append(record)
    }

    /// A minute closed: real-time records before the minute preceding it are no longer needed.
    private mutating func closedMinute(endingAt end: Int64) {
        guard end > (newestMinuteEnd ?? .min) else { return }
        newestMinuteEnd = end
        let keepFrom = end - 2 * PeriodKind.minute.seconds
        realtime.removeAll { $0.timestamp < keepFrom }
    }
}

extension AgentRuntime {
    /// Resumes from `history`: no real-time record for a second up to the newest journaled one,
    /// statistics and accounting periods reopened as if there had been no restart. Returns the
    /// accounting periods lost in the crash (journal them now; lost statistics periods come out
    /// of the next `tick`).
    public mutating func restore(_ history: JournalHistory) -> [JournalEntry] {
        lastRecordSecond = history.newestRealtimeSecond
        statistics.restore(realtime: history.realtime, closed: history.statistics)
        let lost = accounting.restore(realtime: history.realtime, closed: history.accounting)
        return lost.map(Self.entry)
    }
}
