/// The data-segment half of `HJ212FrameDescriber`: header fields with meanings (Table 3, 5, 9),
/// CP fields (Tables 4, 6, 7, 8), leniencies and problems.
enum HJ212SegmentDescriber {
    static func describe(_ transmitted: String, cipher: (any BlockCipher128)?, into description: inout FrameDescription) {
        var text = transmitted
        if HJ212CPEncryption.isEncrypted(transmitted) {
            if let cipher {
                do {
                    text = try HJ212CPEncryption.decrypt(segment: transmitted, cipher: cipher)
                    description.fields.append(.init("CP encryption", "SM4-ECB", note: "decrypted with the given key (HJ 212-2025 §6.4)"))
                } catch {
                    description.problems.append("the CP area is SM4-encrypted and could not be decrypted: \(error.description)")
                    text = withoutCP(transmitted)
                }
            } else {
                description.problems.append("the CP area is SM4-encrypted (HJ 212-2025 §6.4) and no key was given")
                text = withoutCP(transmitted)
            }
        }
        let segment: HJ212DataSegment
        do {
            segment = try HJ212DataSegment.parse(text, mode: .lenient)
        } catch {
            description.problems.append("data segment: \(error.description)")
            return
        }
        describeHeader(segment.header, into: &description)
        for warning in segment.warnings {
            if warning.kind == .invalidFieldValue || warning.kind == .splitFieldsMismatch {
                description.problems.append(warning.description)
            } else {
                description.fields.append(.init("warning", warning.description))
            }
        }
        for (index, item) in segment.cp.items.enumerated() {
            for field in item.fields { describeField(field, item: index + 1, into: &description) }
        }
        let command = segment.header.command?.name ?? "CN \(segment.header.cn)"
        description.summary = "\(command), ST \(segment.header.st), MN \(segment.header.mn)"
    }

    /// The segment with its CP area emptied, so that the header can still be shown.
    static func withoutCP(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard let start = HJ212DataSegment.firstOffset(of: HJ212CPEncryption.cpMarker, in: bytes) else { return text }
        return String(decoding: bytes[..<start], as: UTF8.self) + "CP=&&&&"
    }

    static func describeHeader(_ header: HJ212Header, into description: inout FrameDescription) {
        if let flag = header.flag {
            description.protocolName = flag.version == .unknown(flag.version.versionBits) ? "HJ 212" : flag.version.description
        } else {
            description.protocolName = "HJ/T 212-2005"
        }
        if let qn = header.qn {
            description.fields.append(.init("QN", qn, note: header.qnTime.map { "request time \($0)" } ?? "not a valid time"))
        }
        description.fields.append(.init("ST", header.st, note: header.system?.name ?? "unknown system code"))
        let command = header.command
        description.fields.append(.init("CN", header.cn,
                                        note: command.map { ($0.name ?? "unknown command") + ", " + $0.group } ?? "not a number"))
        description.fields.append(.init("PW", header.pw))
        let mnOK = header.mn.utf8.count == 24 && header.mn.utf8.allSatisfy { Hex.nibbleValue($0) != nil }
        description.fields.append(.init("MN", header.mn, note: mnOK ? nil : "not 24 hex characters (2017/2025 MN)"))
        if let flag = header.flag {
            description.fields.append(.init("Flag", String(flag.rawValue), note: flag.meaning))
        }
        if let count = header.packetCount { description.fields.append(.init("PNUM", String(count), note: "total packets")) }
        if let number = header.packetNumber { description.fields.append(.init("PNO", String(number), note: "packet number")) }
        if header.resend { description.fields.append(.init("RF", "1", note: "resend (补传) packet")) }
        for other in header.otherFields { description.fields.append(.init(other.name, other.value, note: "not a standard header field")) }
    }

    static func describeField(_ field: CPField, item: Int, into description: inout FrameDescription) {
        let name = "CP[\(item)] " + field.name
        switch field {
        case .factor(let code, let suffix, let value):
            var note = "factor \(code), " + (suffix.meaning ?? "suffix '\(suffix.text)'")
            if suffix == .flag {
                note += HJ212DataFlag(text: value).map { ": \($0.meaning)" } ?? ": not a Table 8 flag"
            } else if [.rtd, .min, .avg, .max, .cou, .zsRtd, .zsMin, .zsAvg, .zsMax].contains(suffix), Double(value) == nil {
                description.problems.append("\(field.name) value '\(value)' is not a number")
            }
            description.fields.append(.init(name, value, note: note))
        case .dataTime(let t), .beginTime(let t), .endTime(let t), .systemTime(let t), .restartTime(let t):
            description.fields.append(.init(name, field.value, note: t.description))
        case .requestReturn(let r): description.fields.append(.init(name, field.value, note: r.meaning))
        case .executionReturn(let r): description.fields.append(.init(name, field.value, note: r.meaning))
        case .realtimeInterval(let n):
            description.fields.append(.init(name, field.value, note: "seconds" + ((30...3600).contains(n) ? "" : "; outside HJ 212-2017's 30…3600")))
        case .minuteInterval(let n):
            let ok = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30].contains(n)
            description.fields.append(.init(name, field.value, note: "minutes" + (ok ? "" : "; not one of 1,2,3,4,5,6,10,12,15,20,30")))
        case .overTime(let n), .reCount(let n):
            description.fields.append(.init(name, field.value, note: (1...99).contains(n) ? nil : "outside 1…99"))
        case .newPassword, .pollutantId, .other:
            description.fields.append(.init(name, field.value))
        }
    }
}
