import AgentTesting
/// A fault injected into a device's replies:
/// `fault KIND [at=N | every=N | probability=P | between=FROM,UNTIL]`.
///
/// Kinds: `noreply` (say nothing), `crc` (last CRC/checksum byte inverted), `noise` (random
/// bytes instead of the reply), `noise-before` (random bytes, then the good reply),
/// `exception=CODE` (Modbus exception / DL/T 645 abnormal reply with that error word),
/// `slow=MS` (each byte MS ms late), `wrong-slave` (the reply comes from another address).
/// Triggers count the device's requests from 1: `at=3` the third only, `every=4` the 4th, 8th…,
/// `probability=0.1` each with that chance (seeded), `between=20,35` every request received from
/// 20 s to 35 s after `ready` (a meter that stops answering, then comes back); no trigger means
/// every request.
struct FaultRule {
    enum Kind: Equatable, CustomStringConvertible {
        case noReply, badChecksum, noise, noiseBefore, exception(UInt8), slow(milliseconds: Int), wrongAddress

        /// As written in the configuration.
        var description: String {
            switch self {
            case .noReply: return "noreply"
            case .badChecksum: return "crc"
            case .noise: return "noise"
            case .noiseBefore: return "noise-before"
            case .exception(let code): return "exception=\(code)"
            case .slow(let milliseconds): return "slow=\(milliseconds)"
            case .wrongAddress: return "wrong-slave"
            }
        }
    }

    enum Trigger: Equatable {
        case always, at(Int), every(Int), probability(Double), during(TimeWindow)
    }

    var kind: Kind
    var trigger: Trigger

    init(parsing words: [String], _ fail: (String) -> SimConfig.ConfigError) throws(SimConfig.ConfigError) {
        guard (1...2).contains(words.count) else { throw fail("fault needs a kind and at most one trigger") }
        let (name, argument) = SimConfig.keyValue(words[0])
        switch (name, argument) {
        case ("noreply", nil): kind = .noReply
        case ("crc", nil): kind = .badChecksum
        case ("noise", nil): kind = .noise
        case ("noise-before", nil): kind = .noiseBefore
        case ("wrong-slave", nil): kind = .wrongAddress
        case ("exception", let v?):
            guard let code = UInt8(v), code > 0 else { throw fail("exception code must be 1…255") }
            kind = .exception(code)
        case ("slow", let v?):
            guard let ms = Int(v), ms > 0 else { throw fail("slow needs milliseconds per byte") }
            kind = .slow(milliseconds: ms)
        default: throw fail("unknown fault '\(words[0])'")
        }
        trigger = .always
        guard words.count == 2 else { return }
        let (key, value) = SimConfig.keyValue(words[1])
        switch (key, value) {
        case ("at", let v?): guard let n = Int(v), n > 0 else { throw fail("at= needs a request number ≥ 1") }; trigger = .at(n)
        case ("every", let v?): guard let n = Int(v), n > 0 else { throw fail("every= needs a count ≥ 1") }; trigger = .every(n)
        case ("probability", let v?):
            guard let p = Double(v), (0...1).contains(p) else { throw fail("probability= needs 0…1") }
            trigger = .probability(p)
        case ("between", let v?): trigger = .during(try TimeWindow(parsing: v, fail))
        default: throw fail("unknown fault trigger '\(words[1])'")
        }
    }

    /// The code of the first `exception=` among `kinds`.
    static func exceptionCode(in kinds: [Kind]) -> UInt8? {
        for kind in kinds { if case .exception(let code) = kind { return code } }
        return nil
    }

    /// Whether the rule fires on request number `request` (1-based), received `seconds` after start.
    func fires(onRequest request: Int, seconds: Double, random: inout SplitMix64) -> Bool {
        switch trigger {
        case .always: return true
        case .during(let window): return window.contains(seconds)
        case .at(let n): return request == n
        case .every(let n): return request % n == 0
        case .probability(let p): return random.nextUnit() < p
        }
    }
}

/// What a device decided to put on the wire for one request, before faults.
struct PlannedReply {
    var bytes: [UInt8]
    /// Extra delay per byte (the `slow` fault), in microseconds.
    var extraMicrosecondsPerByte = 0

    /// Applies the fired faults (in rule order) to the good reply.
    static func applying(_ faults: [FaultRule.Kind], to good: [UInt8], exception: () -> [UInt8],
                         otherAddress: () -> [UInt8], random: inout SplitMix64) -> PlannedReply? {
        var reply = PlannedReply(bytes: good)
        for fault in faults {
            switch fault {
            case .noReply: return nil
            case .badChecksum:
                if let last = reply.bytes.indices.last {
                    // DL/T 645 ends in 0x16 after the checksum; Modbus ends in the CRC.
                    let index = reply.bytes[last] == 0x16 && reply.bytes.count > 1 ? last - 1 : last
                    reply.bytes[index] ^= 0xFF
                }
            case .noise: reply.bytes = (0..<(3 + Int(random.nextByte() % 6))).map { _ in random.nextByte() }
            case .noiseBefore: reply.bytes = (0..<(2 + Int(random.nextByte() % 4))).map { _ in random.nextByte() } + reply.bytes
            case .exception: reply.bytes = exception()
            case .slow(let ms): reply.extraMicrosecondsPerByte = ms * 1000
            case .wrongAddress: reply.bytes = otherAddress()
            }
        }
        return reply
    }
}
