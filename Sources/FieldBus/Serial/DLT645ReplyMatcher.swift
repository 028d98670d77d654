import Wire

/// What a DL/T 645-2007 master asks a meter.
public enum DLT645Query: Sendable, Equatable {
    /// 0x11 read data `identifier` from the meter at `address`.
    case readData(DLT645DataIdentifier, address: DLT645Address)
    /// 0x13 read address (sent to AA…AA; only one meter may be on the bus), for discovery.
    case readAddress
    /// 0x08 broadcast time to 99…99 (no reply).
    case broadcastTime(DLT645DateTime)

    /// The request frame.
    public var frame: DLT645Frame {
        switch self {
        case .readData(let id, let address): return DLT645Request.readData(id, from: address)
        case .readAddress: return DLT645Request.readAddress()
        case .broadcastTime(let time): return DLT645Request.broadcastTime(time)
        }
    }
}

/// A meter's answer to a `DLT645Query`.
public enum DLT645Answer: Sendable, Equatable {
    /// 0x91/0xB1: the identifier's value (`DLT645Value.raw` for identifiers outside the catalogue).
    case data(DLT645DataIdentifier, DLT645Value, from: DLT645Address, hasFollowUp: Bool)
    /// 0x93: the address of the one meter on the bus.
    case address(DLT645Address)
}

/// Awaits a meter's reply with `DLT645FrameDecoder` (framing on L, never on 0x16 or gaps). Frames
/// from another address, with another identifier, requests (our echo or another master's) and
/// noise are ignored and counted; an abnormal reply (0xD1…) is a typed refusal with its error word.
public struct DLT645ReplyMatcher: ReplyMatcher {
    public let query: DLT645Query
    public let requestBytes: [UInt8]
    public private(set) var diagnostics = MatchDiagnostics()
    private var framing = ReplyFraming { DLT645FrameDecoder() }
    private let address: DLT645Address

    /// `preambleCount` FE wake-up bytes are sent before the frame (DL/T 645-2007 suggests 4).
    public init(_ query: DLT645Query, preambleCount: Int = DLT645Frame.defaultPreambleCount) {
        self.query = query
        let frame = query.frame
        self.address = frame.address
        self.requestBytes = frame.encoded(preambleCount: preambleCount)
    }

    public var expectsReply: Bool {
        if case .broadcastTime = query { return false }
        return true
    }

    public var requestSummary: String {
        switch query {
        case .readData(let id, let address): return "DL/T 645 read of DI \(id) from meter \(address)"
        case .readAddress: return "DL/T 645 read address"
        case .broadcastTime(let time): return "DL/T 645 broadcast time \(time)"
        }
    }

    public var expectedReplyLength: Int {
        switch query {
        case .readData(let id, _):
            return 4 + DLT645Frame.overhead + 4 + (id.catalogEntry?.format.byteCount ?? 32)
        case .readAddress: return 4 + DLT645Frame.overhead + 6
        case .broadcastTime: return 0
        }
    }

    public mutating func receive(_ bytes: [UInt8]) -> MatchResult<DLT645Answer> {
        framing.receive(bytes, &diagnostics)
        while let frame = framing.nextFrame(&diagnostics) {
            if let result = match(frame) { return result }
        }
        return .pending
    }

    public mutating func resetForRetry() {
        framing.reset(&diagnostics)
    }

    /// Nil when the frame is not ours (counted and ignored).
    private mutating func match(_ frame: DLT645Frame) -> MatchResult<DLT645Answer>? {
        guard frame.control.isReply else {
            if frame.address == address && frame.control == query.frame.control { diagnostics.echoes += 1 } else {
                diagnostics.ignored("a request frame (control \(frame.control)) from another master")
            }
            return nil
        }
        guard Self.address(frame.address, matches: address) else {
            diagnostics.ignored("reply from meter \(frame.address), not \(address)")
            return nil
        }
        let message: DLT645Message
        do throws(WireError) { message = try DLT645Message(frame) } catch {
            return .refused(FieldBusError(.badFrame, "meter \(frame.address): \(error.message)",
                                          bytesSeen: diagnostics.bytesSeen))
        }
        return answer(message, from: frame.address)
    }

    private mutating func answer(_ message: DLT645Message, from meter: DLT645Address) -> MatchResult<DLT645Answer>? {
        switch (query, message) {
        case (.readData(let wanted, _), .readDataReply(let id, _, let followUp)) where id == wanted:
            do throws(WireError) {
                return .reply(.data(id, try message.value() ?? .raw([]), from: meter, hasFollowUp: followUp))
            } catch {
                return .refused(FieldBusError(.badFrame, "meter \(meter), DI \(id): \(error.message)",
                                              bytesSeen: diagnostics.bytesSeen))
            }
        case (.readAddress, .readAddressReply(let found)):
            return .reply(.address(found))
        case (_, .abnormalReply(let function, let word)):
            return .refused(FieldBusError(.exception, "meter \(meter) refused \(function.name): \(word)",
                                          dlt645Error: word))
        default:
            diagnostics.ignored("reply from meter \(meter) does not answer this query")
            return nil
        }
    }

    /// Request addresses may hold `AA` wildcard digit pairs that match any reply byte.
    static func address(_ reply: DLT645Address, matches request: DLT645Address) -> Bool {
        zip(reply.wireBytes, request.wireBytes).allSatisfy { $1 == 0xAA || $0 == $1 }
    }
}
