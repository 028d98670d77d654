import Testing
@testable import Wire

@Suite("HJ212 splitting and reassembly")
struct HJ212SplitterTests {
    static func bigSegment(factors: Int) throws -> HJ212DataSegment {
        let header = HJ212Header(qn: try HJ212Timestamp.parse("20160801085857999", milliseconds: true),
                                 system: .airPollutionSource, command: .minuteData, pw: "123456",
                                 mn: "010000A8900016F000169DC0", flag: HJ212Flag(rawValue: 7 & ~2))
        var items = [CPDataArea.Item([.dataTime(try HJ212Timestamp.parse("20160801085800"))])]
        for n in 0..<factors {
            let code = "a" + String(10000 + n)
            items.append(CPDataArea.Item([
                .factor(code: code, suffix: .min, value: "1.\(n)"), .factor(code: code, suffix: .avg, value: "2.\(n)"),
                .factor(code: code, suffix: .max, value: "3.\(n)"), .factor(code: code, suffix: .flag, value: "N"),
            ]))
        }
        return HJ212DataSegment(header: header, cp: CPDataArea(items))
    }

    @Test("a small message is not split")
    func small() throws {
        let segment = try Self.bigSegment(factors: 3)
        #expect(try HJ212Splitter.split(segment) == [segment])
    }

    @Test("a long CP is split: D=1, PNUM/PNO, own QN per part, DataTime repeated, limits kept, items whole")
    func split() throws {
        let segment = try Self.bigSegment(factors: 40)
        let parts = try HJ212Splitter.split(segment)
        #expect(parts.count >= 3)
        var allItems: [CPDataArea.Item] = []
        for (index, part) in parts.enumerated() {
            let text = try part.encoded()
            #expect(text.utf8.count <= 1024)
            #expect(try part.cp.encoded().utf8.count + 7 <= 950)
            #expect(part.header.flag?.split == true && part.header.flag?.ackRequired == true)
            #expect(part.header.packetCount == parts.count && part.header.packetNumber == index + 1)
            #expect(part.cp.items.first == segment.cp.items.first)
            allItems.append(contentsOf: part.cp.items.dropFirst())
            // Each part is a valid frame that parses strictly.
            let frame = try HJ212Frame.parse(try HJ212Frame.encode(part))
            #expect(try frame.dataSegment(mode: .strict) == part)
        }
        #expect(parts[0].header.qn == "20160801085857999")
        #expect(parts[1].header.qn == "20160801085858000")
        #expect(allItems == Array(segment.cp.items.dropFirst()))
    }

    @Test("reassembly in any order; missing parts reported; resends ignored")
    func reassemble() throws {
        let segment = try Self.bigSegment(factors: 40)
        let parts = try HJ212Splitter.split(segment)
        var reassembler = HJ212Reassembler()
        var random = SeededRandom(seed: 212)
        let shuffled = parts.shuffled(using: &random)
        for (index, part) in shuffled.enumerated() {
            let outcome = try reassembler.add(part)
            if index < shuffled.count - 1 {
                guard case .waiting(let missing) = outcome else { Issue.record("expected waiting, seed 212"); return }
                #expect(missing.count == parts.count - index - 1)
                #expect(try reassembler.add(part) == .waiting(missing: missing))
            } else {
                #expect(outcome == .complete(segment))
            }
        }
        #expect(reassembler.incomplete.isEmpty)
        var partial = HJ212Reassembler(maxPendingMessages: 1)
        _ = try partial.add(parts[0])
        #expect(partial.incomplete.first?.missing == Array(2...parts.count))
        var other = try Self.bigSegment(factors: 40)
        other.cp.items[0] = CPDataArea.Item([.dataTime(try HJ212Timestamp.parse("20160801085900"))])
        _ = try partial.add(try HJ212Splitter.split(other)[0])
        #expect(partial.abandoned.count == 1)
        #expect(try partial.add(segment) == .notSplit(segment))
    }

    @Test("an item longer than a packet cannot be split")
    func itemTooLong() throws {
        var segment = try Self.bigSegment(factors: 1)
        segment.cp.items.append(CPDataArea.Item([.other(name: "i13001-Info", value: String(repeating: "x", count: 1000))]))
        #expect(throws: WireError.self) { try HJ212Splitter.split(segment) }
    }

    @Test("QN carries across seconds, days and years")
    func advance() throws {
        let t = try HJ212Timestamp.parse("20241231235959999", milliseconds: true)
        #expect(t.advanced(byMilliseconds: 1).text17 == "20250101000000000")
        let leap = try HJ212Timestamp.parse("20240228235959500", milliseconds: true)
        #expect(leap.advanced(byMilliseconds: 600).text17 == "20240229000000100")
    }
}
