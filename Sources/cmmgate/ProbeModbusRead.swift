import Wire

/// What `--read holding|input|coil|discrete:ADDRESS:COUNT [--as TYPE[:ORDER]] [--scale K]` asks.
struct ProbeModbusRead {
    let request: ModbusReadRequest
    /// The register type the values are decoded as (nil: each register as uint16).
    let type: RegisterDataType?
    let order: RegisterWordOrder
    let scale: Double?

    init(read: String, as typeText: String?, scale scaleText: String?) throws(ArgumentList.UsageError) {
        let parts = read.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let functions: [String: ModbusFunction] = [
            "holding": .readHoldingRegisters, "input": .readInputRegisters,
            "coil": .readCoils, "discrete": .readDiscreteInputs,
        ]
        guard parts.count == 3, let function = functions[parts[0]] else {
            throw ArgumentList.UsageError(description: "--read must be holding|input|coil|discrete:ADDRESS:COUNT, not '\(read)'")
        }
        guard let address = Self.number(parts[1]), address <= 0xFFFF else {
            throw ArgumentList.UsageError(description: "--read address '\(parts[1])' is not 0…65535 (decimal or 0x hex)")
        }
        guard let count = Self.number(parts[2]), (1...function.maximumQuantity).contains(count) else {
            throw ArgumentList.UsageError(description: "--read count '\(parts[2])' is not 1…\(function.maximumQuantity)")
        }
        request = ModbusReadRequest(function: function, startAddress: UInt16(address), quantity: UInt16(count))
        do throws(WireError) {
            try request.validate()
        } catch {
            throw ArgumentList.UsageError(description: "--read \(read): \(error.message)")
        }
        (type, order) = try Self.type(typeText, function: function, count: count)
        if let scaleText {
            guard let value = Double(scaleText), value.isFinite else {
                throw ArgumentList.UsageError(description: "--scale '\(scaleText)' is not a number")
            }
            scale = value
        } else {
            scale = nil
        }
    }

    /// Decimal or 0x hex.
    static func number(_ text: String) -> Int? {
        if text.hasPrefix("0x") || text.hasPrefix("0X") { return Int(text.dropFirst(2), radix: 16) }
        return Int(text)
    }

    private static func type(_ text: String?, function: ModbusFunction,
                             count: Int) throws(ArgumentList.UsageError) -> (RegisterDataType?, RegisterWordOrder) {
        guard let text else { return (nil, .abcd) }
        guard !function.readsBits else { throw ArgumentList.UsageError(description: "--as applies to registers, not coils or discrete inputs") }
        let type: RegisterDataType
        let order: RegisterWordOrder
        do {
            (type, order) = try RegisterTypeSpec.parse(text)
        } catch {
            throw ArgumentList.UsageError(description: "--as: \(error.message)")
        }
        guard count % type.registerCount == 0 else {
            throw ArgumentList.UsageError(description: "--read count \(count) is not a multiple of \(type.registerCount) registers of \(type.name)")
        }
        return (type, order)
    }

    /// One line per value of `reply`, or a line saying why a value is not usable.
    func lines(_ reply: ModbusReadReply) -> [String] {
        if request.function.readsBits {
            return reply.bits(count: Int(request.quantity)).map { $0 ? "1" : "0" }
        }
        let registers = reply.registers
        guard let type else {
            return registers.map { register in scale.map { ProbeOutput.number(Double(register) * $0) } ?? String(register) }
        }
        var lines: [String] = []
        var index = 0
        while index + type.registerCount <= registers.count {
            let group = registers[index..<(index + type.registerCount)]
            lines.append(line(group, type))
            index += type.registerCount
        }
        return lines
    }

    private func line(_ group: ArraySlice<UInt16>, _ type: RegisterDataType) -> String {
        do throws(WireError) {
            if let scale {
                return ProbeOutput.reading(try RegisterConversion(type: type, order: order, scale: scale).read(group))
            }
            return ProbeOutput.value(try RegisterDecoder.decode(group, as: type, order: order), type: type)
        } catch {
            return "invalid: \(error.message)"
        }
    }
}
