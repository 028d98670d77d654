/// Explains DL/T 645-2007 frames field by field, for `cmmgate decode` and logs.
public enum DLT645FrameDescriber {
    /// Describes `bytes` (optional FE preamble, then one frame). Never throws: returns nil
    /// when there is no `68 …(6 bytes)… 68` structure after the preamble, otherwise every
    /// field found and, in `problems`, everything wrong (bad CS with the expected value,
    /// missing 16, L mismatch, L above 200, bad BCD, trailing bytes).
    public static func describe(_ bytes: [UInt8]) -> FrameDescription? {
        var start = 0
        while start < bytes.count, bytes[start] == 0xFE { start += 1 }
        guard bytes.count - start > 7, bytes[start] == 0x68, bytes[start + 7] == 0x68 else { return nil }
        let address = DLT645Address(uncheckedWireBytes: Array(bytes[(start + 1)..<(start + 7)]))
        var d = FrameDescription(protocolName: "DL/T 645-2007", summary: "")
        d.fields.append(.init("preamble", "\(start) × FE", note: start == 0 ? "none" : nil))
        d.fields.append(.init("address", address.digits, note: address.note))
        if !address.isWellFormed { d.problems.append("address bytes are neither BCD nor AA wildcard") }
        guard bytes.count - start > 9 else {
            d.summary = "truncated DL/T 645 frame for \(address.digits)"
            d.problems.append("header truncated: \(bytes.count - start) of 10 bytes (68, address, 68, C, L)")
            return d
        }
        let control = DLT645ControlCode(bytes[start + 8])
        let length = Int(bytes[start + 9])
        d.fields.append(.init("control", "0x\(Hex.byte2(control.rawValue))", note: control.meaning))
        d.fields.append(.init("length", "L = \(length)"))
        if length > DLT645Frame.maximumDataLength {
            d.problems.append("L = \(length) exceeds \(DLT645Frame.maximumDataLength) (DL/T 645-2007: L ≤ 200)")
        }
        let dataStart = start + 10
        let present = min(length, bytes.count - dataStart)
        let wireData = Array(bytes[dataStart..<(dataStart + present)])
        let data = wireData.map { $0 &- 0x33 }
        if !wireData.isEmpty {
            d.fields.append(.init("data", Hex.format(wireData), note: "−0x33: " + Hex.format(data)))
        }
        var summary = "\(control.meaning), meter \(address.digits)"
        if present < length {
            d.problems.append("L = \(length) announces \(length) data bytes but only \(present) are present")
        } else {
            let frame = DLT645Frame(unchecked: address, control: control, data: data)
            summary = describeMessage(frame, into: &d) ?? summary
            describeTail(bytes, start: start, length: length, into: &d)
        }
        d.summary = summary
        return d
    }

    /// Adds the interpreted message fields; returns a summary line when one was built.
    private static func describeMessage(_ frame: DLT645Frame, into d: inout FrameDescription) -> String? {
        let message: DLT645Message
        do {
            message = try DLT645Message(frame)
        } catch {
            d.problems.append(error.description)
            return nil
        }
        let who = "meter \(frame.address.digits)"
        if let id = message.identifier {
            d.fields.append(.init("data identifier", id.description,
                                  note: id.catalogEntry?.name ?? "not in the catalogue"))
        }
        switch message {
        case .readData(let id, _):
            return "read data request: \(name(id)), \(who)"
        case .readFollowUp(let id, let sequence):
            d.fields.append(.init("sequence", "\(sequence)"))
            return "read follow-up request: \(name(id)) frame \(sequence), \(who)"
        case .readAddress:
            return "read address request to \(frame.address.digits)"
        case .broadcastTime(let time):
            d.fields.append(.init("time", time.description, note: "meter local time"))
            return "broadcast time \(time)"
        case .readDataReply(let id, _, let more), .readFollowUpReply(let id, _, _, let more):
            if case .readFollowUpReply(_, _, let sequence, _) = message {
                d.fields.append(.init("sequence", "\(sequence)"))
            }
            do {
                let value = try message.value()
                let text = value?.description ?? ""
                d.fields.append(.init("value", text, note: id.catalogEntry?.format.pattern))
                return "\(name(id)) = \(text), \(who)" + (more ? " (follow-up frames exist)" : "")
            } catch {
                d.problems.append(error.description)
                return "\(name(id)) reply with a bad value, \(who)"
            }
        case .readAddressReply(let reported):
            d.fields.append(.init("meter address", reported.digits, note: reported.note))
            return "read address reply: \(reported.digits)"
        case .abnormalReply(let function, let error):
            d.fields.append(.init("error word", "0x\(Hex.byte2(error.rawValue))",
                                  note: error.meanings.joined(separator: ", ")))
            return "\(function.name) refused: \(error.meanings.joined(separator: ", ")), \(who)"
        case .other:
            return nil
        }
    }

    private static func name(_ id: DLT645DataIdentifier) -> String {
        id.catalogEntry.map { "\($0.name) (DI \(id))" } ?? "DI \(id)"
    }

    /// CS, the end byte and anything after it.
    private static func describeTail(_ bytes: [UInt8], start: Int, length: Int, into d: inout FrameDescription) {
        let csOffset = start + 10 + length
        let computed = DLT645Frame.checksum(bytes[start..<csOffset])
        guard csOffset < bytes.count else {
            d.fields.append(.init("checksum", "missing", note: "computed 0x\(Hex.byte2(computed))"))
            d.problems.append("checksum missing (expected 0x\(Hex.byte2(computed)))")
            d.problems.append("end byte 0x16 missing")
            return
        }
        let received = bytes[csOffset]
        d.fields.append(.init("checksum", "0x\(Hex.byte2(received))", note: "computed 0x\(Hex.byte2(computed))"))
        if received != computed {
            d.problems.append("bad checksum at byte \(csOffset): expected 0x\(Hex.byte2(computed)), "
                              + "received 0x\(Hex.byte2(received))")
        }
        guard csOffset + 1 < bytes.count else {
            d.problems.append("end byte 0x16 missing")
            return
        }
        let end = bytes[csOffset + 1]
        d.fields.append(.init("end", "0x\(Hex.byte2(end))"))
        if end != 0x16 {
            d.problems.append("end byte at byte \(csOffset + 1) is 0x\(Hex.byte2(end)), expected 0x16")
        }
        let trailing = bytes.count - csOffset - 2
        if trailing > 0 {
            d.problems.append("\(trailing) bytes after the end byte (L mismatch or another frame)")
        }
    }
}
