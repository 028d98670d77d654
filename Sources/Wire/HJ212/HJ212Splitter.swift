/// Splits a message whose CP area is too long into packets (HJ 212-2017 §6.3.2 Table 3,
/// App. C.49/C.50): Flag bit D set, `PNUM`/`PNO`, each part its own QN (the first part's QN,
/// then +1 ms per part, as C.49/C.50's …534, …535), the leading `DataTime` item repeated in
/// every part, and items never cut in the middle.
///
/// Limits: the whole `CP=&&…&&` field ≤ 950 characters (Table 3 lengths include `NAME=`), and
/// the data segment ≤ 1024. The header budget assumes 4-digit PNUM/PNO, so a part may stay a
/// few characters under the limit.
public enum HJ212Splitter {
    public static let maxCPFieldLength = 950

    /// `segment` unchanged when it fits, else its parts in order. Throws when one item alone
    /// cannot fit, or when the header has no QN or Flag.
    public static func split(_ segment: HJ212DataSegment) throws(WireError) -> [HJ212DataSegment] {
        let cpText = try segment.cp.encoded()
        let headerText = try segment.header.encoded()
        if cpText.utf8.count + 7 <= maxCPFieldLength,
           headerText.utf8.count + cpText.utf8.count + 7 <= HJ212Frame.maxSegmentLength {
            return [segment]
        }
        guard let qn = segment.header.qnTime, let flag = segment.header.flag else {
            throw WireError(.badValue, "splitting needs a valid QN and a Flag in the header")
        }
        var probe = segment.header
        probe.flag = HJ212Flag(rawValue: flag.rawValue | 2)
        probe.packetCount = 9999
        probe.packetNumber = 9999
        let headerBudget = try probe.encoded().utf8.count
        let budget = min(maxCPFieldLength, HJ212Frame.maxSegmentLength - headerBudget) - 7
        let common = Array(segment.cp.items.prefix { $0.fields.allSatisfy(isDataTime) })
        let commonLength = common.reduce(0) { $0 + $1.text.utf8.count + 1 }
        var parts: [[CPDataArea.Item]] = []
        var current: [CPDataArea.Item] = []
        var currentLength = commonLength
        for (index, item) in segment.cp.items.enumerated().dropFirst(common.count) {
            let length = item.text.utf8.count + (currentLength > 0 ? 1 : 0)
            if currentLength + length <= budget {
                current.append(item)
                currentLength += length
                continue
            }
            guard !current.isEmpty, commonLength + item.text.utf8.count + 1 <= budget else {
                throw WireError(.tooLong, "CP item \(index + 1) (\(item.text.utf8.count) characters) cannot fit one packet")
            }
            parts.append(current)
            current = [item]
            currentLength = commonLength + item.text.utf8.count + (commonLength > 0 ? 1 : 0)
        }
        if !current.isEmpty { parts.append(current) }
        return parts.enumerated().map { number, items in
            var header = segment.header
            header.qn = qn.advanced(byMilliseconds: number).text17
            header.flag = HJ212Flag(rawValue: flag.rawValue | 2)
            header.packetCount = parts.count
            header.packetNumber = number + 1
            return HJ212DataSegment(header: header, cp: CPDataArea(common + items))
        }
    }

    static func isDataTime(_ field: CPField) -> Bool {
        if case .dataTime = field { return true }
        return false
    }
}
