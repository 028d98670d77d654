// libFuzzer target for the Modbus codec. Compiled together with every file of Sources/Wire
// into one module (no `import Wire`):
//   swiftc -parse-as-library -sanitize=fuzzer,address -O -module-name WireFuzz \
//     $(find Sources/Wire Fuzz/Support -name '*.swift') Fuzz/ModbusFuzz.swift -o /tmp/fuzz-modbus
//
// Invariants (a failure traps through precondition, and libFuzzer keeps the input):
// - every decoder call makes progress: a frame or a discard consumes ≥ 1 byte and exactly what
//   it reports; `.needMoreData` consumes nothing; the loop ends;
// - the same frames come out whole, byte by byte and split at an input-chosen index;
// - a decoded frame re-encodes to exactly the bytes it consumed;
// - the whole-frame parsers accept only bytes that re-encode to themselves;
// - a describer never calls a frame valid that the parser rejects.

enum ModbusFuzz {
    /// A request chosen by the input's first bytes, so replies to many requests get exercised.
    static func request(from bytes: [UInt8]) -> RTURequestFrame {
        let pick = { (index: Int) -> UInt8 in index < bytes.count ? bytes[index] : 0 }
        let function = ModbusFunction(rawValue: pick(1) % 4 + 1) ?? .readHoldingRegisters
        let quantity = UInt16(pick(2)) % UInt16(function.readsBits ? 2000 : 125) + 1
        return RTURequestFrame(slave: pick(0),
                               request: ModbusReadRequest(function: function, startAddress: UInt16(pick(3)),
                                                          quantity: quantity))
    }

    static func checkRTUDecoders(_ bytes: [UInt8], split: Int) {
        let request = request(from: bytes)
        for (event, consumed) in FuzzStream.splits({ RTUReplyDecoder(expecting: request) }, bytes, split: split) {
            switch event {
            case .echo(let echoed): precondition(echoed.bytes == consumed, "echo does not re-encode")
            case .reply(let reply):
                precondition(reply.bytes == consumed, "reply does not re-encode")
                precondition(reply.reply.answers(request.request), "reply does not answer the request")
            }
        }
        for (frame, consumed) in FuzzStream.splits({ RTURequestDecoder() }, bytes, split: split) {
            precondition(frame.bytes == consumed, "request does not re-encode")
        }
    }

    static func checkTCPDecoder(_ bytes: [UInt8], split: Int) {
        for (frame, consumed) in FuzzStream.splits({ MBAPFrameDecoder() }, bytes, split: split) {
            precondition(frame.bytes == consumed, "TCP frame does not re-encode")
            precondition((try? frame.encode()) == consumed, "decoded TCP frame fails its own encoder")
            if let parsed = try? frame.parsePDU() { precondition(parsed.pduBytes == frame.pdu, "PDU does not re-encode") }
        }
    }

    static func checkParsersAndDescribers(_ bytes: [UInt8]) {
        let rtu = try? RTUADU.parse(bytes)
        if let rtu { precondition(rtu.bytes == bytes, "parsed RTU frame does not re-encode") }
        if let description = ModbusFrameDescriber.describeRTU(bytes), description.isValid {
            precondition(rtu != nil, "RTU describer calls valid what the parser rejects")
        }
        if bytes.count < RTUADU.minimumLength {
            precondition(ModbusFrameDescriber.describeRTU(bytes) == nil, "RTU describer accepted < 4 bytes")
        }
        let tcp = try? ModbusTCPFrame.parse(bytes)
        if let tcp { precondition(tcp.bytes == bytes, "parsed TCP frame does not re-encode") }
        if let description = ModbusFrameDescriber.describeTCP(bytes), description.isValid {
            precondition(tcp != nil && (try? tcp?.parsePDU()) != nil,
                         "TCP describer calls valid what the parser rejects")
        }
    }

    static func checkRegisters(_ bytes: [UInt8]) {
        var registers: [UInt16] = []
        var index = 0
        while index + 1 < bytes.count && registers.count < 8 {
            registers.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        let types: [RegisterDataType] = [.int16, .uint16, .int32, .uint32, .int64, .uint64, .float32, .float64,
                                         .bcd16, .bcd32, .bit(Int(bytes.first ?? 0) % 16)]
        for type in types {
            for order in RegisterWordOrder.allCases {
                // A bit re-encodes to that bit alone, and NaN payloads may change when widened.
                if type.registerCount > 1 || type != .bit(Int(bytes.first ?? 0) % 16),
                   let value = try? RegisterDecoder.decode(registers, as: type, order: order),
                   let again = try? RegisterDecoder.encode(value, as: type, order: order) {
                    precondition(again == Array(registers.prefix(type.registerCount)) || value.doubleValue.isNaN,
                                 "register value does not re-encode")
                }
                if let conversion = try? RegisterConversion(type: type, order: order, scale: 0.1, validRange: -1e6...1e6),
                   let reading = try? conversion.read(registers), let value = reading.value {
                    precondition(value.isFinite && value >= -1e6 && value <= 1e6, "unusable value passed on")
                }
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = Int(bytes.last ?? 0)
    ModbusFuzz.checkRTUDecoders(bytes, split: split)
    ModbusFuzz.checkTCPDecoder(bytes, split: split)
    ModbusFuzz.checkParsersAndDescribers(bytes)
    ModbusFuzz.checkRegisters(bytes)
    return 0
}
