import Testing
@testable import Wire

/// Checks the `FrameDecoder` contract on a byte stream, the way swift-nio's
/// ByteToMessageDecoderVerifier does: the same frames must come out whether the
/// stream arrives whole, one byte at a time, or split at any index; garbage in
/// front must be skipped; and `.needMoreData` must never consume anything.
struct DecoderVerifier<D: FrameDecoder> where D.Frame: Equatable {
    let makeDecoder: () -> D

    /// All frames a fresh decoder yields for `stream` delivered in `chunks` pieces,
    /// asserting the consume-nothing-until-whole rule at every step.
    func frames(_ stream: [UInt8], splitAt cuts: [Int] = [],
                sourceLocation: SourceLocation = #_sourceLocation) -> [D.Frame] {
        var decoder = makeDecoder()
        var buffer = InputBuffer()
        var frames: [D.Frame] = []
        var start = 0
        for cut in cuts + [stream.count] where cut >= start {
            buffer.append(contentsOf: stream[start..<cut])
            start = cut
            drain(&decoder, &buffer, into: &frames, sourceLocation: sourceLocation)
        }
        return frames
    }

    private func drain(_ decoder: inout D, _ buffer: inout InputBuffer, into frames: inout [D.Frame],
                       sourceLocation: SourceLocation) {
        var guardCount = 0
        while true {
            let before = buffer.readableBytes
            let snapshot = Array(buffer.readable)
            switch decoder.decode(&buffer) {
            case .frame(let frame):
                #expect(buffer.readableBytes < before, "a frame consumed no bytes", sourceLocation: sourceLocation)
                frames.append(frame)
            case .needMoreData:
                #expect(Array(buffer.readable) == snapshot, "needMoreData consumed bytes", sourceLocation: sourceLocation)
                return
            case .discarded(let count, _):
                #expect(count > 0 && buffer.readableBytes == before - count,
                        "discard count does not match consumed bytes", sourceLocation: sourceLocation)
            }
            guardCount += 1
            if guardCount > before + 16 {
                Issue.record("decoder made no progress", sourceLocation: sourceLocation)
                return
            }
        }
    }

    /// The full battery for one valid frame `bytes` decoding to `expected`:
    /// whole, byte by byte, split at every index, several concatenated, after garbage.
    func verify(_ bytes: [UInt8], decodesTo expected: D.Frame,
                garbage: [[UInt8]] = [[0x00], [0xFF, 0x13, 0x37]],
                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(frames(bytes) == [expected], "whole", sourceLocation: sourceLocation)
        #expect(frames(bytes, splitAt: Array(0..<bytes.count)) == [expected], "byte by byte",
                sourceLocation: sourceLocation)
        for cut in 0...bytes.count {
            #expect(frames(bytes, splitAt: [cut]) == [expected], "split at \(cut)", sourceLocation: sourceLocation)
        }
        let three = bytes + bytes + bytes
        #expect(frames(three) == [expected, expected, expected], "three concatenated",
                sourceLocation: sourceLocation)
        #expect(frames(three, splitAt: Array(0..<three.count)) == [expected, expected, expected],
                "three concatenated, byte by byte", sourceLocation: sourceLocation)
        for noise in garbage {
            #expect(frames(noise + bytes) == [expected], "after garbage \(noise)", sourceLocation: sourceLocation)
        }
    }
}
