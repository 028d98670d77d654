import AgentTesting
import Wire

/// A simulated Modbus RTU slave: a register map of typed points and a bit map, answering
/// read requests (functions 01–04) and exceptions 01/02/03/04 like a real device. A point's
/// value can be overridden for a time window (`override`).
struct ModbusSlave {
    enum Table: String { case holding, input, coil, discrete }

    struct RegisterPoint {
        var table: Table
        var address: Int
        var type: RegisterDataType
        var order: RegisterWordOrder
        var source: ValueSource
        var overrides: [ValueOverride<ValueSource>] = []
        var reads = 0
    }

    let id: UInt8
    var registers: [RegisterPoint] = []
    var bits: [Table: [Int: Bool]] = [:]
    var bitOverrides: [Table: [Int: [ValueOverride<Bool>]]] = [:]
    var faults: [FaultRule] = []
    var requests = 0

    init(id: UInt8) { self.id = id }

    mutating func add(_ directive: String, _ words: [String], _ fail: (String) -> SimConfig.ConfigError) throws(SimConfig.ConfigError) {
        let table = Table(rawValue: directive)!
        guard let first = words.first, let address = Self.address(first), address <= 0xFFFF else {
            throw fail("\(directive) needs an address 0…65535 (decimal or 0x hex)")
        }
        switch table {
        case .coil, .discrete:
            guard words.count == 2, words[1] == "on" || words[1] == "off" else { throw fail("\(directive) ADDRESS on|off") }
            bits[table, default: [:]][address] = words[1] == "on"
        case .holding, .input:
            guard words.count == 3, let (type, order) = try? RegisterTypeSpec.parse(words[1]) else {
                throw fail("\(directive) ADDRESS TYPE[:ORDER] SOURCE (types: \(RegisterTypeSpec.typeNames))")
            }
            guard address + type.registerCount <= 0x10000 else { throw fail("point runs past register 65535") }
            registers.append(RegisterPoint(table: table, address: address, type: type, order: order,
                                           source: try ValueSource(parsing: words[2], fail)))
        }
    }

    /// `override TABLE ADDRESS SOURCE|on|off between=FROM,UNTIL` for a point this slave has.
    mutating func addOverride(_ words: [String], _ fail: (String) -> SimConfig.ConfigError) throws(SimConfig.ConfigError) {
        guard words.count == 4, let table = Table(rawValue: words[0]), let address = Self.address(words[1]) else {
            throw fail("override holding|input|coil|discrete ADDRESS SOURCE|on|off between=FROM,UNTIL")
        }
        let window = try TimeWindow(overrideWord: words[3], fail)
        switch table {
        case .coil, .discrete:
            guard bits[table]?[address] != nil else { throw fail("slave \(id) has no \(table.rawValue) \(address) to override") }
            guard words[2] == "on" || words[2] == "off" else { throw fail("override \(table.rawValue) ADDRESS on|off …") }
            bitOverrides[table, default: [:]][address, default: []].append(ValueOverride(window: window, value: words[2] == "on"))
        case .holding, .input:
            guard let index = registers.firstIndex(where: { $0.table == table && $0.address == address }) else {
                throw fail("slave \(id) has no \(table.rawValue) point at \(address) to override")
            }
            registers[index].overrides.append(ValueOverride(window: window, value: try ValueSource(parsing: words[2], fail)))
        }
    }

    static func address(_ text: String) -> Int? {
        text.hasPrefix("0x") ? Int(text.dropFirst(2), radix: 16) : Int(text)
    }

    /// The reply to `request`: data, or the exception a real slave would give.
    mutating func answer(_ request: ModbusReadRequest, seconds: Double, random: inout SplitMix64) -> ModbusReply {
        do throws(WireError) {
            try request.validate()
        } catch {
            return .exception(ModbusExceptionReply(function: request.function, exception: .illegalDataValue))
        }
        let start = Int(request.startAddress), count = Int(request.quantity)
        switch request.function {
        case .readCoils, .readDiscreteInputs:
            let table: Table = request.function == .readCoils ? .coil : .discrete
            let map = bits[table] ?? [:]
            var values: [Bool] = []
            for address in start..<(start + count) {
                guard let bit = map[address] else { return exception(request, .illegalDataAddress) }
                values.append(ValueOverride.active(in: bitOverrides[table]?[address] ?? [], at: seconds) ?? bit)
            }
            return .normal(.bits(request.function, values))
        case .readHoldingRegisters, .readInputRegisters:
            let table: Table = request.function == .readHoldingRegisters ? .holding : .input
            var words = [UInt16?](repeating: nil, count: count)
            for index in registers.indices where registers[index].table == table {
                let point = registers[index]
                guard point.address < start + count, point.address + point.type.registerCount > start else { continue }
                guard let encoded = encode(index, seconds: seconds, random: &random) else {
                    return exception(request, .serverDeviceFailure)
                }
                for (offset, word) in encoded.enumerated() where (start..<(start + count)).contains(point.address + offset) {
                    words[point.address + offset - start] = word
                }
            }
            guard words.allSatisfy({ $0 != nil }) else { return exception(request, .illegalDataAddress) }
            return .normal(.registers(request.function, words.map { $0! }))
        default:
            return exception(request, .illegalFunction)
        }
    }

    private func exception(_ request: ModbusReadRequest, _ code: ModbusExceptionCode) -> ModbusReply {
        .exception(ModbusExceptionReply(function: request.function, exception: code))
    }

    /// The point's registers for its current value (nil when the value does not fit its type).
    private mutating func encode(_ index: Int, seconds: Double, random: inout SplitMix64) -> [UInt16]? {
        let point = registers[index]
        let source = ValueOverride.active(in: point.overrides, at: seconds) ?? point.source
        let number = source.value(reads: point.reads, seconds: seconds, random: &random)
        registers[index].reads += 1
        let value: RegisterValue
        switch point.type {
        case .int16, .int32, .int64:
            guard let whole = Int64(exactly: number.rounded()) else { return nil }
            value = .signed(whole)
        case .uint16, .uint32, .uint64, .bcd16, .bcd32:
            guard number >= 0, let whole = UInt64(exactly: number.rounded()) else { return nil }
            value = .unsigned(whole)
        case .float32: value = .float(Double(Float(number)))
        case .float64: value = .float(number)
        case .bit: value = .bit(number != 0)
        }
        return try? RegisterDecoder.encode(value, as: point.type, order: point.order)
    }
}
