import Wire

/// The received bytes of one attempt and the `Wire` decoder that frames them, shared by every
/// `ReplyMatcher`: appends what arrives, counts each discard in `MatchDiagnostics` with its
/// reason, and hands out whole frames one at a time.
struct ReplyFraming<Decoder: FrameDecoder & Sendable>: Sendable {
    private let makeDecoder: @Sendable () -> Decoder
    private var decoder: Decoder
    private var buffer = InputBuffer()

    init(_ makeDecoder: @escaping @Sendable () -> Decoder) {
        self.makeDecoder = makeDecoder
        self.decoder = makeDecoder()
    }

    /// Records `bytes` as seen and buffers them for framing.
    mutating func receive(_ bytes: [UInt8], _ diagnostics: inout MatchDiagnostics) {
        diagnostics.saw(bytes)
        buffer.append(contentsOf: bytes)
    }

    /// The next whole frame, or nil when the decoder needs more bytes; discards on the way are
    /// counted in `diagnostics`.
    mutating func nextFrame(_ diagnostics: inout MatchDiagnostics) -> Decoder.Frame? {
        while true {
            switch decoder.decode(&buffer) {
            case .needMoreData: return nil
            case .discarded(let count, let reason): diagnostics.discarded(count, reason)
            case .frame(let frame): return frame
            }
        }
    }

    /// Forgets buffered bytes and decoder state before a retry (diagnostics start a new attempt).
    mutating func reset(_ diagnostics: inout MatchDiagnostics) {
        diagnostics.beginAttempt()
        buffer = InputBuffer()
        decoder = makeDecoder()
    }
}
