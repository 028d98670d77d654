// libFuzzer target for the HJ 212 codec. Compiled together with every file of Sources/Wire
// into one module (no `import Wire`):
//   swiftc -parse-as-library -sanitize=fuzzer,address -O -module-name WireFuzz \
//     $(find Sources/Wire -name '*.swift') Fuzz/HJ212Fuzz.swift -o /tmp/fuzz-hj212
//   /tmp/fuzz-hj212 -max_total_time=30
//
// Invariants checked with precondition:
// - the stream decoder makes progress on every call and yields the same frames in any split;
// - every frame it yields has a CRC matching its segment;
// - a packet or segment that parses strictly re-encodes to exactly the same bytes;
// - the whole-frame parser, CP parser and describer never trap.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = decodeHJ212(bytes, cuts: [])
    let cut = size == 0 ? 0 : Int(bytes[0]) % (size + 1)
    precondition(decodeHJ212(bytes, cuts: [cut]) == whole, "split at \(cut) changed the frames")
    precondition(decodeHJ212(bytes, cuts: Array(stride(from: 1, to: size, by: 7))) == whole, "split every 7 bytes changed the frames")
    for frame in whole {
        precondition(HJ212CRC.compute(frame.segment) == frame.crc, "a frame with a wrong CRC was yielded")
        checkStrictRoundTrip(frame.segment)
    }
    if let frame = try? HJ212Frame.parse(bytes), frame.warnings.isEmpty, frame.transmittedSegment == nil {
        // No warnings: no surrounding whitespace, CR LF at the end, upper-case CRC — canonical.
        precondition((try? HJ212Frame.encode(segment: frame.segment)) == bytes,
                     "a packet parsed without leniencies did not re-encode to the same bytes")
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        checkStrictRoundTrip(text)
        _ = try? CPDataArea.parse(text, mode: .lenient)
        if let area = try? CPDataArea.parse(text, mode: .strict) {
            precondition((try? area.encoded()) == text, "strict CP parse did not re-encode exactly")
        }
        _ = HJ212FrameDescriber.describe(text, cipher: nil)
    }
    return 0
}

private func decodeHJ212(_ bytes: [UInt8], cuts: [Int]) -> [HJ212Frame] {
    FuzzStream.run(HJ212FrameDecoder(), bytes, cuts: cuts).map(\.0)
}

private func checkStrictRoundTrip(_ text: String) {
    guard let segment = try? HJ212DataSegment.parse(text, mode: .strict) else { return }
    precondition((try? segment.encoded()) == text, "strict segment parse did not re-encode exactly: \(text)")
}
