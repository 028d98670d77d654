/// What happens to the writes that were not yet synced when the power is cut.
public enum PowerCutBehaviour: String, CaseIterable, Sendable {
    /// All of them land (an orderly device with a write-through cache).
    case keepAll
    /// None of them land.
    case dropAll
    /// Each lands or not independently (a cache that reorders writes between syncs).
    case randomSubset
    /// All land, but the last one is torn: only its first k bytes land (k random).
    case tearLast
    /// A random subset lands, and one of the landing writes is torn.
    case randomSubsetTearOne
}

/// A fault the device reports instead of doing an operation.
public enum InjectedFailure: String, Sendable {
    /// EIO: the operation failed and did nothing.
    case ioError
    /// ENOSPC: the storage refused to allocate (a sparse or thin-provisioned file).
    case noSpace
}

/// The faults an `EmulatedFlash` injects. Operations (program, erase, sync) are counted from 0
/// since the flash was created or last powered on.
public struct FlashFaults: Sendable {
    /// The operation with this index does not happen: the power is cut instead.
    public var powerCutAtOperation: Int?
    /// What happens to unsynced writes at a power cut.
    public var powerCutBehaviour: PowerCutBehaviour
    /// Each read flips one random bit of its result with probability 1/n (transient: the
    /// stored bytes are unchanged).
    public var readBitFlipOneIn: Int?
    /// Blocks whose erase and program fail with EIO.
    public var badBlocks: Set<Int>
    /// Operation index → the failure reported instead of doing it.
    public var failures: [Int: InjectedFailure]

    public init(powerCutAtOperation: Int? = nil, powerCutBehaviour: PowerCutBehaviour = .dropAll,
                readBitFlipOneIn: Int? = nil, badBlocks: Set<Int> = [], failures: [Int: InjectedFailure] = [:]) {
        self.powerCutAtOperation = powerCutAtOperation
        self.powerCutBehaviour = powerCutBehaviour
        self.readBitFlipOneIn = readBitFlipOneIn
        self.badBlocks = badBlocks
        self.failures = failures
    }
}

/// Errors an `EmulatedFlash` throws.
public struct EmulatedFlashError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The power is off (cut at an operation index, or by `cutPower()`).
        case powerCut
        /// EIO: injected, or a bad block.
        case ioError
        /// ENOSPC: injected.
        case noSpace
        /// The caller broke the flash's rules (program over unerased bytes, misaligned, out of range):
        /// always a bug in the caller; also recorded in `EmulatedFlash.violations`.
        case misuse
    }

    public var code: Code
    public var message: String

    public var description: String { "\(code.rawValue): \(message)" }
}
