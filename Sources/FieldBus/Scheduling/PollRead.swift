import Wire

/// One configured read on a bus: what to read and how often (issue 3, "Bus scheduling").
public struct PollRead: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// `count` registers or bits from protocol address `address` of Modbus slave `slave`.
        case modbus(slave: UInt8, function: ModbusFunction, address: UInt16, count: UInt16)
        /// Data identifier `identifier` from the DL/T 645 meter at `meter`.
        case dlt645(meter: DLT645Address, identifier: DLT645DataIdentifier)
    }

    /// The channel or point name this read feeds.
    public var id: String
    public var source: Source
    /// 1 000 ms for flow, CH4, temperature, pressure and status; slower for energy registers.
    public var periodMilliseconds: Int

    public init(id: String, source: Source, periodMilliseconds: Int) {
        self.id = id
        self.source = source
        self.periodMilliseconds = periodMilliseconds
    }
}

/// One transaction of the plan: a request that serves one or more `PollRead`s.
public struct PollRequest: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case modbus(slave: UInt8, ModbusReadRequest)
        case dlt645(meter: DLT645Address, identifier: DLT645DataIdentifier)
    }

    /// Where one read's values sit in the reply: `offset` registers (or bits) from the request's start.
    public struct Member: Sendable, Equatable {
        public var readID: String
        public var offset: Int
        public var count: Int

        public init(readID: String, offset: Int, count: Int) {
            self.readID = readID
            self.offset = offset
            self.count = count
        }
    }

    public var kind: Kind
    public var periodMilliseconds: Int
    public var members: [Member]

    public init(kind: Kind, periodMilliseconds: Int, members: [Member]) {
        self.kind = kind
        self.periodMilliseconds = periodMilliseconds
        self.members = members
    }

    /// Registers or bits read that no configured read asked for (bridged gaps).
    public var bridgedCount: Int {
        guard case .modbus(_, let request) = kind else { return 0 }
        var covered = Set<Int>()
        for member in members { covered.formUnion(member.offset..<(member.offset + member.count)) }
        return Int(request.quantity) - covered.count
    }
}
