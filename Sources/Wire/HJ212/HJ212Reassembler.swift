/// Joins the parts of a split message (HJ 212-2017 Table 3 PNUM/PNO, App. C.49/C.50) back into
/// one segment, and says which parts are missing.
///
/// Parts belong together when MN, CN, PNUM and the repeated `DataTime` agree (parts without a
/// DataTime group by MN, CN and PNUM only). A repeated part (a resend) is ignored. At most
/// `maxPendingMessages` messages are held; adding one more abandons the oldest, which is kept
/// in `abandoned` with its missing parts so the loss is reported, not silent.
public struct HJ212Reassembler: Sendable {
    public struct Key: Sendable, Hashable {
        public var mn: String
        public var cn: String
        public var packetCount: Int
        /// The repeated DataTime (`YYYYMMDDhhmmss`), if the parts carry one.
        public var dataTime: String?
    }

    /// A message some of whose parts have not arrived.
    public struct Incomplete: Sendable, Equatable {
        public var key: Key
        public var missing: [Int]
    }

    public enum Outcome: Sendable, Equatable {
        /// The segment was not split; returned as is.
        case notSplit(HJ212DataSegment)
        /// All parts arrived: the joined segment (QN of part 1, Flag bit D cleared).
        case complete(HJ212DataSegment)
        /// Still waiting for the listed part numbers.
        case waiting(missing: [Int])
    }

    public let maxPendingMessages: Int
    private var pending: [(key: Key, parts: [Int: HJ212DataSegment])] = []
    /// Messages dropped because too many were pending.
    public private(set) var abandoned: [Incomplete] = []

    public init(maxPendingMessages: Int = 16) {
        self.maxPendingMessages = max(1, maxPendingMessages)
    }

    /// Messages still waiting for parts, oldest first.
    public var incomplete: [Incomplete] {
        pending.map { Incomplete(key: $0.key, missing: Self.missing($0.parts, of: $0.key.packetCount)) }
    }

    public mutating func add(_ part: HJ212DataSegment) throws(WireError) -> Outcome {
        let header = part.header
        guard header.flag?.split ?? false, let count = header.packetCount, let number = header.packetNumber else {
            return .notSplit(part)
        }
        guard number >= 1, number <= count else {
            throw WireError(.badValue, "PNO \(number) outside 1…PNUM \(count)")
        }
        let key = Key(mn: header.mn, cn: header.cn, packetCount: count, dataTime: part.cp.dataTime?.text14)
        var slot: Int
        if let found = pending.firstIndex(where: { $0.key == key }) {
            slot = found
        } else {
            if pending.count >= maxPendingMessages {
                let oldest = pending.removeFirst()
                abandoned.append(Incomplete(key: oldest.key, missing: Self.missing(oldest.parts, of: oldest.key.packetCount)))
            }
            pending.append((key, [:]))
            slot = pending.count - 1
        }
        if pending[slot].parts[number] == nil { pending[slot].parts[number] = part }
        let missing = Self.missing(pending[slot].parts, of: count)
        guard missing.isEmpty else { return .waiting(missing: missing) }
        let parts = pending.remove(at: slot).parts
        return .complete(Self.join(parts, count: count))
    }

    static func missing(_ parts: [Int: HJ212DataSegment], of count: Int) -> [Int] {
        (1...max(count, 1)).filter { parts[$0] == nil }
    }

    /// Part 1's header without the split fields; the common DataTime items once, then every
    /// part's other items in PNO order.
    static func join(_ parts: [Int: HJ212DataSegment], count: Int) -> HJ212DataSegment {
        var items: [CPDataArea.Item] = []
        var header = parts[1]?.header
        for number in 1...count {
            guard let part = parts[number] else { continue }
            let common = part.cp.items.prefix { $0.fields.allSatisfy(HJ212Splitter.isDataTime) }
            if number == 1 { items.append(contentsOf: common) }
            items.append(contentsOf: part.cp.items.dropFirst(common.count))
            if header == nil { header = part.header }
        }
        var joined = header ?? HJ212Header(qn: nil, st: "", cn: "", pw: "", mn: "", flag: nil)
        joined.flag?.split = false
        joined.packetCount = nil
        joined.packetNumber = nil
        return HJ212DataSegment(header: joined, cp: CPDataArea(items))
    }
}
