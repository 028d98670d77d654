/// What one call of an incremental decoder produced.
public enum DecodeStep<Frame> {
    /// A whole frame was found and its bytes consumed.
    case frame(Frame)
    /// The readable bytes are a possible prefix of a frame; nothing was consumed.
    case needMoreData
    /// `count` bytes that cannot start a valid frame were consumed to resynchronise;
    /// `reason` says why (noise, a bad checksum, a frame that is too long). Nothing is
    /// dropped silently: the caller counts and logs these.
    case discarded(count: Int, reason: WireError)
}

/// An incremental, resynchronising decoder (the shape of swift-nio's ByteToMessageDecoder).
///
/// Contract, checked for every decoder by `DecoderVerifier` in the tests:
/// - it consumes nothing until a frame is whole (`.needMoreData` leaves the buffer untouched);
/// - fed the same bytes in any split, it yields the same frames and discards;
/// - garbage, torn frames and bad checksums are skipped with `.discarded`, never a trap or a hang:
///   every call either returns a frame, consumes at least one byte, or asks for more.
public protocol FrameDecoder {
    associatedtype Frame
    mutating func decode(_ buffer: inout InputBuffer) -> DecodeStep<Frame>
}

extension FrameDecoder {
    /// Runs the decoder until it needs more data; returns the frames and discard reasons in order.
    public mutating func decodeAvailable(_ buffer: inout InputBuffer) -> [DecodeStep<Frame>] {
        var steps: [DecodeStep<Frame>] = []
        while true {
            let step = decode(&buffer)
            if case .needMoreData = step { return steps }
            steps.append(step)
        }
    }
}

extension DecodeStep: Equatable where Frame: Equatable {}
extension DecodeStep: Sendable where Frame: Sendable {}
