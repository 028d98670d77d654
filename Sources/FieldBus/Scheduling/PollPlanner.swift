import Wire

/// Turns a bus's configured reads into requests: adjacent (or nearly adjacent) registers of one
/// slave, function and period are coalesced into one request up to the protocol limit (125
/// registers / 2 000 bits, Modbus Application Protocol V1.1b3 §6.1–6.4) or a lower per-bus limit.
///
/// Reads with different periods are not coalesced: an energy register read every minute must not
/// be dragged into the 1 s cycle (it would cost budget every second). Overlapping reads share
/// registers. Reads whose gap is at most `maximumGap` are bridged: the registers between them are
/// read and dropped (cheaper than a second transaction's t3.5 + turnaround + latency; but some
/// devices answer exception 02 for holes in their map, so the default is 0).
public struct PollPlanner: Sendable, Equatable {
    public var maximumGap: Int
    /// Per-bus cap on registers per request (some devices accept fewer than 125).
    public var maximumRegisters: Int
    /// Per-bus cap on bits per request.
    public var maximumBits: Int

    public init(maximumGap: Int = 0, maximumRegisters: Int = 125, maximumBits: Int = 2000) {
        self.maximumGap = max(0, maximumGap)
        self.maximumRegisters = min(125, max(1, maximumRegisters))
        self.maximumBits = min(2000, max(1, maximumBits))
    }

    /// The requests serving `reads`, in a stable order (first appearance of each group, then address).
    /// Throws `.configuration` for a read that breaks the limits by itself (count 0, over the cap,
    /// past address 65535), a period ≤ 0, or a duplicate id.
    public func plan(_ reads: [PollRead]) throws(FieldBusError) -> [PollRequest] {
        var seen = Set<String>()
        var requests: [PollRequest] = []
        var groups: [(key: GroupKey, reads: [PollRead])] = []
        for read in reads {
            guard seen.insert(read.id).inserted else { throw FieldBusError(.configuration, "read \(read.id) is configured twice") }
            guard read.periodMilliseconds > 0 else { throw FieldBusError(.configuration, "read \(read.id): period must be positive") }
            switch read.source {
            case .dlt645(let meter, let identifier):
                requests.append(PollRequest(kind: .dlt645(meter: meter, identifier: identifier),
                                            periodMilliseconds: read.periodMilliseconds,
                                            members: [.init(readID: read.id, offset: 0, count: 1)]))
            case .modbus(let slave, let function, let address, let count):
                try check(read, function: function, address: address, count: count)
                let key = GroupKey(slave: slave, function: function, period: read.periodMilliseconds)
                if let index = groups.firstIndex(where: { $0.key == key }) { groups[index].reads.append(read) } else {
                    groups.append((key, [read]))
                }
            }
        }
        for group in groups { requests += coalesce(group.key, group.reads) }
        return requests
    }

    struct GroupKey: Equatable {
        var slave: UInt8
        var function: ModbusFunction
        var period: Int
    }

    private func limit(_ function: ModbusFunction) -> Int { function.readsBits ? maximumBits : maximumRegisters }

    private func check(_ read: PollRead, function: ModbusFunction, address: UInt16, count: UInt16) throws(FieldBusError) {
        guard count >= 1, Int(count) <= limit(function) else {
            throw FieldBusError(.configuration, "read \(read.id): \(count) items outside 1…\(limit(function)) for \(function.name)")
        }
        guard Int(address) + Int(count) <= 0x1_0000 else {
            throw FieldBusError(.configuration, "read \(read.id): address \(address) + \(count) passes 65535")
        }
    }

    private func coalesce(_ key: GroupKey, _ reads: [PollRead]) -> [PollRequest] {
        let spans = reads.compactMap { read -> (read: PollRead, start: Int, end: Int)? in
            guard case .modbus(_, _, let address, let count) = read.source else { return nil }
            return (read, Int(address), Int(address) + Int(count))
        }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var requests: [PollRequest] = []
        var current: [(read: PollRead, start: Int, end: Int)] = []
        var start = 0, end = 0
        func flush() {
            guard !current.isEmpty else { return }
            let request = ModbusReadRequest(function: key.function, startAddress: UInt16(start), quantity: UInt16(end - start))
            requests.append(PollRequest(kind: .modbus(slave: key.slave, request), periodMilliseconds: key.period,
                                        members: current.map { .init(readID: $0.read.id, offset: $0.start - start, count: $0.end - $0.start) }))
            current = []
        }
        for span in spans {
            if !current.isEmpty, span.start - end <= maximumGap, max(end, span.end) - start <= limit(key.function) {
                end = max(end, span.end)
                current.append(span)
                continue
            }
            flush()
            current = [span]
            start = span.start
            end = span.end
        }
        flush()
        return requests
    }
}
