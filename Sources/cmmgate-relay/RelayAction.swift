/// What a connection's session asks the server to do after bytes arrived. The session decides;
/// the server stores, writes and logs (docs/relay.md "Serve").
enum RelayAction: Sendable, Equatable {
    /// Store an accepted upload, then (when the gateway asked for it, Flag A) send `ack`: a 9014
    /// is only written once the frame is committed.
    case store(RelayUpload, ack: [UInt8]?)
    /// Write these bytes now (a 9013 notify reply).
    case send([UInt8])
    /// A request the relay sends (1012, a history pull): write its bytes and record it.
    case request(RelayRequestBuilder.Sent)
    /// The gateway answered a request: 9011 with QnRtn or 9012 with ExeRtn for request `qn`.
    case requestAnswered(mn: String, qn: String, command: Int, returnCode: Int)
    /// Input refused (framing, CRC, unknown MN, wrong PW, …): count it, log it when `log`, and
    /// keep it in the `rejects` table when `keep`.
    case reject(RelayReject)
    /// A line for the log.
    case log(String)
}

/// One piece of input the relay refused, and why.
struct RelayReject: Sendable, Equatable {
    /// A stable short reason (`garbage`, `badChecksum`, `unknownMN`, `badPassword`, …).
    var reason: String
    var message: String
    var peer: String
    var mn: String?
    /// The start of the refused bytes, printable (control bytes as `\xHH`), at most 160 characters.
    var excerpt: String
    /// Whether this one is logged and kept: a flood is counted, not written out in full.
    var log: Bool

    /// `bytes` made printable and cut to `limit` characters.
    static func excerpt<C: Collection>(_ bytes: C, limit: Int = 160) -> String where C.Element == UInt8 {
        var text = ""
        for byte in bytes.prefix(limit) {
            if byte >= 0x20 && byte < 0x7F && byte != 0x5C {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let digits = Array("0123456789ABCDEF")
                text += "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
            }
        }
        return bytes.count > limit ? text + "…" : text
    }
}
