import Wire

/// The time budget of one serial bus: what each transaction costs on the wire, and which
/// configured periods the bus can meet (issue 3: report, at start and on request, when a period
/// cannot be met instead of silently slipping).
///
/// Cost of one transaction = t3.5 silence before the request (Modbus over Serial Line V1.02
/// §2.5.1.1) + request wire time + turnaround (assert setup + guard, manual direction) + the
/// expected reply latency of the device + reply wire time, at the bus's character format.
/// DL/T 645 frames are costed with their FE preamble and the catalogue's value length.
public struct BusBudget: Sendable, Equatable {
    public let plan: TurnaroundPlan
    /// How long a device typically takes to start answering (a measured figure belongs here).
    public var replyLatencyMicroseconds: Int
    public var dlt645PreambleCount: Int

    public init(plan: TurnaroundPlan, replyLatencyMicroseconds: Int = 10_000,
                dlt645PreambleCount: Int = DLT645Frame.defaultPreambleCount) {
        self.plan = plan
        self.replyLatencyMicroseconds = max(0, replyLatencyMicroseconds)
        self.dlt645PreambleCount = max(0, dlt645PreambleCount)
    }

    /// Request and normal-reply lengths in bytes.
    public func frameLengths(_ request: PollRequest) -> (request: Int, reply: Int) {
        switch request.kind {
        case .modbus(_, let read):
            return (8, read.rtuReplyLength)
        case .dlt645(_, let identifier):
            let value = identifier.catalogEntry?.format.byteCount ?? 32
            return (dlt645PreambleCount + DLT645Frame.overhead + 4, dlt645PreambleCount + DLT645Frame.overhead + 4 + value)
        }
    }

    /// Microseconds one transaction of `request` occupies the bus.
    public func transactionMicroseconds(_ request: PollRequest) -> Double {
        let lengths = frameLengths(request)
        return plan.timing.t35Microseconds + plan.timing.frameMicroseconds(byteCount: lengths.request)
            + plan.turnaroundMicroseconds + Double(replyLatencyMicroseconds)
            + plan.timing.frameMicroseconds(byteCount: lengths.reply)
    }

    /// Checks every configured period. A period P is met when (a) every request with a period
    /// ≤ P, all due at once, plus the longest slower request already on the wire (a transaction
    /// is never interrupted) fit in P, and (b) the bus load of the requests with period ≤ P stays
    /// ≤ 100 %. The schedule serves the earliest-due request first, shorter periods on ties.
    public func report(_ requests: [PollRequest]) -> BudgetReport {
        let costs = requests.map { (period: $0.periodMilliseconds, cost: transactionMicroseconds($0)) }
        let periods = Set(costs.map(\.period)).sorted()
        var checks: [BudgetReport.PeriodCheck] = []
        for period in periods {
            let faster = costs.filter { $0.period <= period }
            let blocking = costs.filter { $0.period > period }.map(\.cost).max() ?? 0
            let cycle = faster.reduce(0) { $0 + $1.cost } + blocking
            let load = faster.reduce(0) { $0 + $1.cost / (Double($1.period) * 1000) }
            checks.append(.init(periodMilliseconds: period, requests: costs.filter { $0.period == period }.count,
                                worstCaseMicroseconds: cycle, load: load,
                                isMet: cycle <= Double(period) * 1000 && load <= 1))
        }
        let total = costs.reduce(0) { $0 + $1.cost / (Double($1.period) * 1000) }
        return BudgetReport(periods: checks, load: total)
    }
}

/// Which configured periods a bus can meet.
public struct BudgetReport: Sendable, Equatable, CustomStringConvertible {
    public struct PeriodCheck: Sendable, Equatable {
        public var periodMilliseconds: Int
        /// Requests configured with exactly this period.
        public var requests: Int
        /// Worst-case time until every request of this period or faster has run once.
        public var worstCaseMicroseconds: Double
        /// Fraction of bus time taken by requests of this period or faster.
        public var load: Double
        public var isMet: Bool
    }

    public var periods: [PeriodCheck]
    /// Fraction of bus time all requests take (over 1: the bus cannot keep up at all).
    public var load: Double

    public var unmet: [PeriodCheck] { periods.filter { !$0.isMet } }
    public var isFeasible: Bool { unmet.isEmpty }

    public var description: String {
        var lines = ["bus load \(Self.percent(load))"]
        for check in periods {
            lines.append("period \(check.periodMilliseconds) ms: \(check.requests) requests, worst case \(Int(check.worstCaseMicroseconds.rounded(.up)) / 1000) ms, load \(Self.percent(check.load)): "
                         + (check.isMet ? "met" : "CANNOT be met"))
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }
}
