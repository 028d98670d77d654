import AgentCore
import Journal
import Metering
import Wire

/// The CP areas of real-time (CN 2011) and statistics (2051/2061/2031) records.
extension UplinkFrameBuilder {
    /// CN 2011 for a real-time record, or nil when its second is between intervals.
    func realtime(_ record: JournalRecord) throws(UplinkFrameError) -> (HJ212CommandCode, CPDataArea)? {
        let decoded: RealtimeRecord
        do { decoded = try RealtimeRecordCodec.decode(record.payload) } catch {
            throw UplinkFrameError(.undecodable, "the real-time payload does not decode", cause: error.description)
        }
        guard sendsRealtime(atSecond: decoded.timestamp) else { return nil }
        try checkConfiguration(tag: decoded.configurationTag, count: decoded.values.count)
        var items = [CPDataArea.Item([.dataTime(try localTime(decoded.timestamp))])]
        for (code, entry) in zip(factorCodes, decoded.values) {
            var fields: [CPField] = []
            var flag = entry.flag
            if let value = entry.value {
                if let text = format(value, rounding: .halfAwayFromZero) {
                    fields.append(.factor(code: code, suffix: .rtd, value: text))
                } else {
                    flag = .fault
                }
            }
            fields.append(.factor(code: code, suffix: .flag, value: String(flag.letter)))
            items.append(CPDataArea.Item(fields))
        }
        return (.realtimeData, CPDataArea(items))
    }

    /// CN 2051, 2061 or 2031 for a statistics record.
    func statistics(_ record: JournalRecord) throws(UplinkFrameError) -> (HJ212CommandCode, CPDataArea)? {
        let decoded: StatisticsRecord
        do { decoded = try StatisticsRecordCodec.decode(record.payload) } catch {
            throw UplinkFrameError(.undecodable, "the statistics payload does not decode", cause: error.description)
        }
        try checkConfiguration(tag: decoded.configurationTag, count: decoded.parameters.count)
        // HJ 212-2025 prescribes 四舍六入五成双 (half to even) for statistics.
        let rounding: HJ212Rounding = uplink.profile == .hj212_2025 ? .halfToEven : .halfAwayFromZero
        var items = [CPDataArea.Item([.dataTime(try localTime(decoded.periodStart))])]
        for (code, entry) in zip(factorCodes, decoded.parameters) {
            var fields: [CPField] = []
            var flag = entry.flag
            let values: [(CPFactorSuffix, Double?)] = [(.min, entry.minimum), (.avg, entry.average),
                                                       (.max, entry.maximum), (.cou, entry.cumulative)]
            for (suffix, value) in values {
                guard let value else { continue }
                if let text = format(value, rounding: rounding) {
                    fields.append(.factor(code: code, suffix: suffix, value: text))
                } else {
                    flag = .fault
                }
            }
            fields.append(.factor(code: code, suffix: .flag, value: String(flag.letter)))
            items.append(CPDataArea.Item(fields))
        }
        return (Self.command(for: decoded.kind), CPDataArea(items))
    }

    /// `value` with `uplink.decimals` places, never in exponent form; nil when it has more than
    /// 14 integer digits (HJ 212 N14).
    func format(_ value: Double, rounding: HJ212Rounding) -> String? {
        HJ212DecimalFormatter.format(value, decimals: uplink.decimals, rounding: rounding)
    }

    /// The local HJ 212 time of UTC second `second`.
    func localTime(_ second: Int64) throws(UplinkFrameError) -> HJ212Timestamp {
        try UplinkLocalTime.timestamp(unixSeconds: second, utcOffsetMinutes: identity.utcOffsetMinutes)
    }

    /// Refuses a record made with another parameter list (its values could not be named).
    func checkConfiguration(tag: UInt32, count: Int) throws(UplinkFrameError) {
        guard tag == configurationTag, count == factorCodes.count else {
            throw UplinkFrameError(.foreignConfiguration,
                                   "the record has \(count) value(s) of configuration \(tag), the uplink names "
                                   + "\(factorCodes.count) of configuration \(configurationTag)")
        }
    }
}
