// libFuzzer target for the DL/T 645-2007 codec. Compiled together with every file of
// Sources/Wire into one module (no `import Wire`); see Scripts/fuzz.
//
// Invariants (a failure traps through precondition, and libFuzzer keeps the input):
// - every decoder call makes progress: a frame or a discard consumes ≥ 1 byte and exactly
//   what it reports; `.needMoreData` consumes nothing; the loop ends;
// - a decoded frame re-encodes to exactly the bytes it consumed after its FE preamble;
// - the whole-frame parser accepts only bytes that re-encode to themselves;
// - the describer never claims a frame valid that the parser rejects, and vice versa.

/// Feeds `bytes` to a decoder in pieces ending at `cuts` (progress checked by FuzzStream);
/// checks that each frame re-encodes to the bytes it consumed after its FE preamble.
func fuzzDecode(_ bytes: [UInt8], cuts: [Int], decoder: DLT645FrameDecoder) -> Int {
    let frames = FuzzStream.run(decoder, bytes, cuts: cuts)
    for (frame, consumed) in frames {
        precondition(frame.encoded(preambleCount: 0) == Array(consumed.drop { $0 == 0xFE }), "frame does not re-encode")
        precondition(frame.data.count <= decoder.maximumDataLength, "L above the maximum")
        _ = try? DLT645Message(frame).value()
    }
    return frames.count
}

/// The whole-frame parser and the describer must agree.
func fuzzParseAndDescribe(_ bytes: [UInt8]) {
    let description = DLT645FrameDescriber.describe(bytes)
    do {
        let frame = try DLT645Frame.parse(bytes)
        let preamble = bytes.prefix { $0 == 0xFE }.count
        precondition(frame.encoded(preambleCount: preamble) == bytes, "parsed frame does not re-encode")
        guard let description else { preconditionFailure("describer saw no frame in a parsed frame") }
        var interpretable = frame.address.isWellFormed
        do { _ = try DLT645Message(frame).value() } catch { interpretable = false }
        if interpretable { precondition(description.isValid, "valid frame described with problems") }
    } catch {
        if let description { precondition(!description.isValid, "rejected frame described as valid: \(error)") }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let step = Int(bytes.first ?? 0) % 13 + 1
    let strides = Array(stride(from: 0, to: bytes.count, by: step))
    let strict = DLT645FrameDecoder()
    let whole = fuzzDecode(bytes, cuts: [], decoder: strict)
    _ = fuzzDecode(bytes, cuts: [bytes.count / 2], decoder: strict)
    _ = fuzzDecode(bytes, cuts: strides, decoder: strict)
    if bytes.count <= 1024 {
        _ = fuzzDecode(bytes, cuts: Array(0..<bytes.count), decoder: strict)
    }
    _ = fuzzDecode(bytes, cuts: strides, decoder: DLT645FrameDecoder(maximumDataLength: 255, maximumPreambleLength: 2))
    precondition(whole <= bytes.count / DLT645Frame.overhead, "more frames than bytes allow")
    fuzzParseAndDescribe(bytes)
    return 0
}
