// Shared by every fuzz target (Scripts/fuzz compiles Fuzz/Support/*.swift into each).

/// Feeds bytes to a `FrameDecoder` and checks the decoder contract (docs/codecs.md) with
/// `precondition`, so libFuzzer keeps any input that breaks it.
enum FuzzStream {
    /// Runs `decoder` over `bytes` delivered in pieces ending at `cuts`; returns each frame with
    /// the bytes it consumed, after checking: `.needMoreData` consumes nothing, a frame or a
    /// discard consumes at least one byte and exactly what it reports, and the loop ends.
    static func run<D: FrameDecoder>(_ initial: D, _ bytes: [UInt8], cuts: [Int]) -> [(D.Frame, [UInt8])] {
        var decoder = initial
        var buffer = InputBuffer()
        var frames: [(D.Frame, [UInt8])] = []
        var start = 0
        for cut in cuts + [bytes.count] where cut >= start && cut <= bytes.count {
            buffer.append(contentsOf: bytes[start..<cut])
            start = cut
            var calls = 0
            while true {
                calls += 1
                precondition(calls <= bytes.count + 2, "decoder made no progress")
                let before = Array(buffer.readable)
                switch decoder.decode(&buffer) {
                case .needMoreData:
                    precondition(Array(buffer.readable) == before, "needMoreData consumed bytes")
                case .discarded(let count, _):
                    precondition(count > 0 && buffer.readableBytes == before.count - count, "bad discard count")
                    continue
                case .frame(let frame):
                    let used = before.count - buffer.readableBytes
                    precondition(used > 0, "a frame consumed nothing")
                    frames.append((frame, Array(before.prefix(used))))
                    continue
                }
                break
            }
        }
        return frames
    }

    /// Frames from three deliveries (whole, byte by byte, split at `split`), which must agree.
    static func splits<D: FrameDecoder>(_ make: () -> D, _ bytes: [UInt8], split: Int) -> [(D.Frame, [UInt8])]
    where D.Frame: Equatable {
        let whole = run(make(), bytes, cuts: [])
        let single = run(make(), bytes, cuts: Array(0..<bytes.count))
        let halves = run(make(), bytes, cuts: [split % (bytes.count + 1)])
        precondition(whole.map(\.0) == single.map(\.0), "byte-by-byte delivery changed the frames")
        precondition(whole.map(\.0) == halves.map(\.0), "a split changed the frames")
        return whole
    }
}
