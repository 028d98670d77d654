import AgentCore
import Metering

/// Builds a `DayReport` from the stored real-time records of a window, given second by second in
/// ascending order (so a day of records is never held in memory).
///
/// Coverage counts the expected sample times (every `interval` s, aligned to local time) that have
/// a record, per parameter and per flag. An outage is a run of expected times with no record of
/// any factor. The accounting reuses the agent's arithmetic: each second becomes a
/// `RealtimeRecord` in the site configuration's parameter order (a factor the second lacks is a
/// missing value, flag B; a value without a flag counts as invalid), goes through
/// `MeteringModel.accountingInputs` and `SecondAccounting.compute` with the site's constant set, and
/// energy counters add their increase since the previous usable reading, a decrease adding nothing
/// (the rule of `AccountingAggregator`). Seconds without a record add nothing: nothing is
/// interpolated.
struct DayReportBuilder {
    /// The values of one second: factor code → (value, flag letter).
    typealias Second = [String: (value: Double?, flag: String?)]

    private var report: DayReport
    private let model: MeteringModel?
    private var totals: AccountingTotals?
    private var exclusions: [String: Int] = [:]
    private var counterReference: [Int: Double] = [:]
    private var counterResets = 0
    /// The next expected sample time not yet accounted for (present or missing).
    private var nextExpected: Int64

    init(mn: String, name: String, start: Int64, end: Int64, utcOffsetMinutes: Int, intervalSeconds: Int,
         parameters: [(name: String, factor: String)], siteConfig: SiteConfig?) {
        let interval = Int64(max(1, intervalSeconds))
        let offset = Int64(utcOffsetMinutes) * 60
        let first = Self.alignUp(start, interval: interval, offset: offset)
        let expected = first < end ? Int((end - 1 - first) / interval) + 1 : 0
        report = DayReport(mn: mn, name: name, utcOffsetMinutes: utcOffsetMinutes, start: start, end: end,
                           intervalSeconds: Int(interval), expectedSamples: expected, samplesWithRecords: 0,
                           parameters: parameters.map { DayReport.Coverage(name: $0.name, factor: $0.factor) },
                           outages: [], events: [])
        nextExpected = first
        model = siteConfig.map(MeteringModel.init(config:))
        totals = model.map { AccountingTotals(oxidizerNames: $0.oxidizers.map(\.name)) }
    }

    /// The first time ≥ `time` on the local `interval` grid.
    static func alignUp(_ time: Int64, interval: Int64, offset: Int64) -> Int64 {
        let remainder = ((time + offset) % interval + interval) % interval
        return remainder == 0 ? time : time + interval - remainder
    }

    /// The second before the window, so energy counters have their reference reading.
    mutating func setReference(_ second: Second) {
        guard let model, let record = record(second, time: report.start - 1, model: model) else { return }
        for counter in model.energyCounters {
            if let reading = model.canonical(counter.index, in: record), reading.isUsable {
                counterReference[counter.index] = reading.value
            }
        }
    }

    /// The records of second `time` (inside the window, after every earlier one).
    mutating func add(_ second: Second, time: Int64) {
        guard time >= report.start, time < report.end, !second.isEmpty else { return }
        let interval = Int64(report.intervalSeconds)
        let aligned = Self.alignUp(time, interval: interval, offset: Int64(report.utcOffsetMinutes) * 60) == time
        if aligned {
            closeOutage(before: time)
            nextExpected = time + interval
            report.samplesWithRecords += 1
            for index in report.parameters.indices {
                guard let entry = second[report.parameters[index].factor] else { continue }
                report.parameters[index].present += 1
                report.parameters[index].flags[entry.flag ?? "?", default: 0] += 1
                if entry.flag == "N" { report.parameters[index].normal += 1 }
            }
        }
        if let model, let record = record(second, time: time, model: model) { account(record, model: model) }
    }

    /// Records the missing expected times before `time` as an outage.
    private mutating func closeOutage(before time: Int64) {
        guard nextExpected < time else { return }
        let interval = Int64(report.intervalSeconds)
        let last = time - interval
        report.outages.append(DayReport.Outage(start: nextExpected, end: last, seconds: last - nextExpected + interval))
    }

    /// The report, with the window's events, frame counts and the gateway's own figure.
    mutating func finish(events: [DayReport.Event], frames: (count: Int, duplicates: Int, conflicting: Int),
                         gatewayFactor: String?, gatewayTonnesCO2e: Double?) -> DayReport {
        if nextExpected < report.end {
            let interval = Int64(report.intervalSeconds)
            let last = nextExpected + (report.end - 1 - nextExpected) / interval * interval
            report.outages.append(DayReport.Outage(start: nextExpected, end: last, seconds: last - nextExpected + interval))
            nextExpected = report.end
        }
        report.events = events
        (report.frames, report.duplicates, report.conflictingDuplicates) = frames
        report.gatewayFactor = gatewayFactor
        report.gatewayTonnesCO2e = gatewayTonnesCO2e
        if let model, let totals {
            report.accounting = DayReport.Accounting(constants: model.constants, totals: totals, exclusions: exclusions,
                                                     counterResets: counterResets)
        }
        return report
    }

    /// The agent's record of one second, in the configuration's parameter order.
    private func record(_ second: Second, time: Int64, model: MeteringModel) -> RealtimeRecord? {
        guard !second.isEmpty else { return nil }
        let values = model.parameters.map { parameter -> FlaggedValue in
            guard let entry = second[parameter.factorCode] else { return FlaggedValue(value: nil, flag: .communication) }
            let flag = entry.flag.flatMap { $0.count == 1 ? DataFlag(letter: $0.first!) : nil } ?? .fault
            return FlaggedValue(value: entry.value, flag: flag)
        }
        return RealtimeRecord(timestamp: time, clockSynchronised: true, configurationTag: model.configurationTag, values: values)
    }

    private mutating func account(_ record: RealtimeRecord, model: MeteringModel) {
        var second = AccountingTotals(oxidizerNames: model.oxidizers.map(\.name))
        for index in model.oxidizers.indices {
            let result = SecondAccounting.compute(model.accountingInputs(oxidizer: index, record: record), constants: model.constants)
            if case .excluded(let reason) = result.classification {
                exclusions["\(model.oxidizers[index].name): \(reason)", default: 0] += 1
            }
            second.add(result, oxidizer: index)
        }
        var energy: [MethodologyQuantity: Double] = [:]
        for counter in model.energyCounters {
            guard let reading = model.canonical(counter.index, in: record), reading.isUsable else { continue }
            defer { counterReference[counter.index] = reading.value }
            guard let reference = counterReference[counter.index] else { continue }
            guard reading.value >= reference else {
                counterResets += 1
                continue
            }
            energy[counter.quantity, default: 0] += reading.value - reference
        }
        second.addEnergy(generatedKWh: energy[.electricityGenerated], exportedKWh: energy[.electricityExported],
                         consumedKWh: energy[.electricityConsumed], heatGJ: energy[.heatSupplied])
        totals?.merge(second)
    }
}
