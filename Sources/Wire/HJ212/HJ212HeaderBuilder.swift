/// Turns the raw `NAME=value` pairs of a parsed header into an `HJ212Header`, checking each
/// value against Table 3 of HJ 212-2017 (§6.3.2). A bad value is an error in strict mode and
/// a noted leniency (value kept as written, or the field dropped when it has no text form) in
/// lenient mode.
struct HeaderBuilder {
    /// Standard field name → (value, offset of the field in the segment).
    let values: [String: (String, Int)]
    let others: [HJ212Header.Field]

    func build(log: inout LeniencyLog, end: Int) throws(WireError) -> HJ212Header {
        var qn: String? = nil
        if let (value, offset) = values["QN"] {
            try check("QN", value, offset, log: &log)
            qn = value
        } else {
            try log.note(.missingQN, "no QN (HJ/T 212-2005 style)", offset: 0)
        }
        let st = try required("ST", end: end, log: &log)
        let cn = try required("CN", end: end, log: &log)
        let pw = try required("PW", end: end, log: &log)
        let mn = try required("MN", end: end, log: &log)
        let flag = try flagField(log: &log)
        let count = try packetField("PNUM", log: &log)
        let number = try packetField("PNO", log: &log)
        if let count, let number, number > count {
            try log.note(.invalidFieldValue, "PNO \(number) is greater than PNUM \(count)", offset: values["PNO"]?.1)
        }
        let split = flag?.split ?? false
        if split != (count != nil) || split != (number != nil) {
            try log.note(.splitFieldsMismatch,
                         split ? "Flag bit D is set but PNUM/PNO are missing" : "PNUM/PNO present but Flag bit D is not set",
                         offset: values["PNUM"]?.1 ?? values["Flag"]?.1)
        }
        var resend = false
        if let (value, offset) = values["RF"] {
            if value == "1" { resend = true } else {
                try log.note(.invalidFieldValue, "RF '\(value)' is not 1 (the only value HJ 212-2025 defines)", offset: offset)
            }
        }
        return HJ212Header(qn: qn, st: st, cn: cn, pw: pw, mn: mn, flag: flag, packetCount: count,
                           packetNumber: number, resend: resend, otherFields: others)
    }

    private func required(_ name: String, end: Int, log: inout LeniencyLog) throws(WireError) -> String {
        guard let (value, offset) = values[name] else {
            throw WireError(.malformed, "the header has no \(name)", offset: end)
        }
        try check(name, value, offset, log: &log)
        return value
    }

    private func check(_ name: String, _ value: String, _ offset: Int, log: inout LeniencyLog) throws(WireError) {
        do {
            try HJ212Header.validate(name, value)
        } catch {
            try log.note(.invalidFieldValue, error.message, offset: offset + name.utf8.count + 1 + (error.offset ?? 0))
        }
    }

    private func flagField(log: inout LeniencyLog) throws(WireError) -> HJ212Flag? {
        guard let (value, offset) = values["Flag"] else {
            try log.note(.missingFlag, "no Flag (HJ/T 212-2005 style)", offset: nil)
            return nil
        }
        guard let n = CPField.canonicalInteger(value), n <= 255 else {
            try log.note(.invalidFieldValue, "Flag '\(value)' is not an integer 0…255", offset: offset + 5)
            return nil
        }
        return HJ212Flag(rawValue: UInt8(n))
    }

    private func packetField(_ name: String, log: inout LeniencyLog) throws(WireError) -> Int? {
        guard let (value, offset) = values[name] else { return nil }
        guard let n = CPField.canonicalInteger(value), n >= 1, n <= 9999 else {
            try log.note(.invalidFieldValue, "\(name) '\(value)' is not an integer 1…9999", offset: offset + name.utf8.count + 1)
            return nil
        }
        return n
    }
}
