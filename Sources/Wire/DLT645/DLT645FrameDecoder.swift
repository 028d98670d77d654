/// Incremental, resynchronising decoder of DL/T 645-2007 frames from a byte stream.
///
/// - Leading FE wake-up bytes (DL/T 645-2007 allows a preamble before the first 68)
///   are consumed together with the frame that follows them; a run longer than
///   `maximumPreambleLength` is trimmed with a `.discarded` step.
/// - The frame end comes from L (offset 9), never from a scan for 16. The second 68
///   (offset 7), L ≤ `maximumDataLength`, CS and the 16 terminator are all checked.
/// - On a mismatch the decoder discards the preamble and the one 68 it tried, then
///   resynchronises at the next 68; a run of bytes that contains no 68 is discarded at once.
/// - A stray 68 in noise can look like the start of a long frame (its "offset 7" may be
///   the 68 of a real frame). While such a candidate is incomplete, the decoder looks for
///   a complete, valid frame at a later 68 in the bytes already received and, if there is
///   one, abandons the candidate: a good reply is never held hostage by noise until more
///   bytes arrive (on a polled bus none would). The trade-off: a real frame whose data
///   happens to contain a whole valid frame could lose to it when it arrives in pieces.
public struct DLT645FrameDecoder: FrameDecoder, Sendable {
    public typealias Frame = DLT645Frame

    /// Largest accepted L, clamped to 0…255. Default 200 (DL/T 645-2007, L ≤ 200 when reading).
    public let maximumDataLength: Int
    /// Longest FE run kept as a preamble; extra FE bytes are discarded. Default 16.
    public let maximumPreambleLength: Int

    public init(maximumDataLength: Int = DLT645Frame.maximumDataLength, maximumPreambleLength: Int = 16) {
        self.maximumDataLength = min(255, max(0, maximumDataLength))
        self.maximumPreambleLength = max(0, maximumPreambleLength)
    }

    public mutating func decode(_ buffer: inout InputBuffer) -> DecodeStep<DLT645Frame> {
        let bytes = buffer.readable
        let count = bytes.count
        guard count > 0 else { return .needMoreData }
        let preamble = Self.feRun(bytes, from: 0)
        if preamble > maximumPreambleLength {
            let extra = preamble - maximumPreambleLength
            buffer.discard(extra)
            return .discarded(count: extra, reason: WireError(
                .garbage, "\(preamble) FE bytes in a row, more than the \(maximumPreambleLength) kept as a "
                + "wake-up preamble", offset: 0))
        }
        guard preamble < count else { return .needMoreData }
        guard bytes[bytes.startIndex + preamble] == 0x68 else {
            return discardNoise(&buffer, bytes, from: preamble)
        }
        switch DLT645FrameScanner.check(bytes, at: preamble, maximumDataLength: maximumDataLength) {
        case .frame(let frame, let length):
            buffer.discard(preamble + length)
            return .frame(frame)
        case .invalid(let error):
            buffer.discard(preamble + 1)
            return .discarded(count: preamble + 1, reason: error.context(
                "no DL/T 645 frame at the 0x68 at byte \(preamble); discarded it"))
        case .incomplete:
            return lookAhead(&buffer, bytes, candidate: preamble)
        }
    }

    /// Discards the bytes from 0 up to the next 68 (or up to a trailing FE run that may be
    /// the next frame's preamble). `from` is the first byte that is neither FE nor 68.
    private func discardNoise(_ buffer: inout InputBuffer, _ bytes: ArraySlice<UInt8>,
                              from: Int) -> DecodeStep<DLT645Frame> {
        var drop: Int
        if let next = buffer.firstOffset(of: 0x68, from: from + 1) {
            drop = next
        } else {
            drop = bytes.count
            while drop > from + 1, bytes[bytes.startIndex + drop - 1] == 0xFE { drop -= 1 }
        }
        buffer.discard(drop)
        return .discarded(count: drop, reason: WireError(
            .garbage, "\(drop) bytes of noise: byte \(from) is 0x\(Hex.byte2(bytes[bytes.startIndex + from])), "
            + "not a 0x68 start byte", offset: from))
    }

    /// The candidate at `candidate` is incomplete: abandon it if a complete valid frame
    /// starts at a later 68 already received, else wait.
    private func lookAhead(_ buffer: inout InputBuffer, _ bytes: ArraySlice<UInt8>,
                           candidate: Int) -> DecodeStep<DLT645Frame> {
        var next = buffer.firstOffset(of: 0x68, from: candidate + 1)
        while let start = next, bytes.count - start >= DLT645Frame.overhead {
            if case .frame = DLT645FrameScanner.check(bytes, at: start, maximumDataLength: maximumDataLength) {
                buffer.discard(start)
                return .discarded(count: start, reason: WireError(
                    .garbage, "incomplete frame candidate at byte \(candidate) abandoned: a complete frame "
                    + "starts at byte \(start)", offset: candidate))
            }
            next = buffer.firstOffset(of: 0x68, from: start + 1)
        }
        return .needMoreData
    }

    /// Length of the run of FE bytes starting at `from`.
    static func feRun(_ bytes: ArraySlice<UInt8>, from: Int) -> Int {
        var index = bytes.startIndex + from
        while index < bytes.endIndex, bytes[index] == 0xFE { index += 1 }
        return index - bytes.startIndex - from
    }
}
