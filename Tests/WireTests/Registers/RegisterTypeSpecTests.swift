import Testing
@testable import Wire

@Suite struct RegisterTypeSpecTests {
    @Test func everyTypeAndOrderParses() throws {
        let types: [RegisterDataType] = [.int16, .uint16, .int32, .uint32, .int64, .uint64, .float32, .float64,
                                         .bcd16, .bcd32, .bit(0), .bit(15)]
        for type in types {
            let name = type.name.split(separator: " ").joined()  // "bit 15" is written bit15
            for order in [RegisterWordOrder.abcd, .badc, .cdab, .dcba] {
                let parsed = try RegisterTypeSpec.parse("\(name):\(order.rawValue.lowercased())")
                #expect(parsed.type == type && parsed.order == order, "\(name):\(order)")
            }
            #expect(try RegisterTypeSpec.parse(name).order == .abcd, "default order for \(name)")
        }
    }

    @Test func errorsNameThePartThatIsWrong() {
        #expect(throws: WireError(.malformed, "word order 'ABDC' is not ABCD, CDAB, BADC or DCBA")) {
            try RegisterTypeSpec.parse("float32:ABDC")
        }
        #expect(throws: WireError(.malformed, "type 'float16' is not \(RegisterTypeSpec.typeNames)")) {
            try RegisterTypeSpec.parse("float16")
        }
        #expect(throws: WireError(.malformed, "type 'bit16' is not \(RegisterTypeSpec.typeNames)")) {
            try RegisterTypeSpec.parse("bit16")
        }
        #expect(throws: WireError(.malformed, "'int16:ABCD:x' is not TYPE[:ORDER]")) {
            try RegisterTypeSpec.parse("int16:ABCD:x")
        }
    }
}
