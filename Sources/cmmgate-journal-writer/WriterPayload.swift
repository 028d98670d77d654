import Journal

/// The records `cmmgate-journal-writer` appends: self-describing, so a test can tell an intact
/// record from a damaged or misnumbered one without knowing the writer's state.
///
/// Payload: u32 run (LE), u32 index within the run (LE), then 0…71 pattern bytes whose count and
/// values follow from (run, index) by SplitMix64-style mixing.
enum WriterPayload {
    /// Record types cycle through 0x20, 0x21, 0x22 (so statistics have several types to count),
    /// clear of the agent's 0x10-0x13, whose payloads `cmmgate journal export` decodes.
    static func type(_ index: Int) -> RecordType {
        RecordType(rawValue: 0x20 + UInt8(index % 3))
    }

    static func bytes(run: UInt32, index: UInt32) -> [UInt8] {
        var state = UInt64(run) << 32 | UInt64(index)
        var bytes: [UInt8] = []
        for value in [run, index] {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
        }
        let count = Int(mix(&state) % 72)
        for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: mix(&state))) }
        return bytes
    }

    /// SplitMix64's step (the test recomputes it in Python).
    static func mix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
