import FieldBus

/// A direction line that records every assert and release with the clock's time, so tests can
/// prove the turnaround order and timing (DE before the first byte, released after the last
/// stop bit plus guard, never while a reply can arrive).
public final class RecordingDirectionControl: DirectionControl {
    public enum Change: Sendable, Equatable { case asserted, released }

    public struct Record: Sendable, Equatable {
        public var change: Change
        public var at: MonotonicInstant
    }

    public let isAutomatic: Bool
    private let clock: ManualClock
    public private(set) var records: [Record] = []
    /// True between an assert and the following release.
    public private(set) var isAsserted = false
    /// Errors to throw at the next calls (first one first), for port-failure tests.
    public var failures: [any Error] = []

    public init(clock: ManualClock, isAutomatic: Bool = false) {
        self.clock = clock
        self.isAutomatic = isAutomatic
    }

    public func assertTransmit() throws {
        if !failures.isEmpty { throw failures.removeFirst() }
        isAsserted = true
        records.append(Record(change: .asserted, at: clock.now()))
    }

    public func releaseTransmit() throws {
        if !failures.isEmpty { throw failures.removeFirst() }
        isAsserted = false
        records.append(Record(change: .released, at: clock.now()))
    }

    /// The (assert, release) pairs, in order.
    public var intervals: [(asserted: MonotonicInstant, released: MonotonicInstant)] {
        var result: [(MonotonicInstant, MonotonicInstant)] = []
        var open: MonotonicInstant?
        for record in records {
            switch record.change {
            case .asserted: open = record.at
            case .released:
                if let start = open { result.append((start, record.at)) }
                open = nil
            }
        }
        return result
    }
}
