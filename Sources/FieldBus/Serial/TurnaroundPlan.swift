import Wire

/// When a half-duplex master may release the RS-485 pair after sending, and how long the bus
/// must be silent before it sends (Modbus over Serial Line V1.02 §2.5.1.1, §3.3.1).
///
/// - `t3.5` silence: every request is preceded by at least 3.5 character times of silence
///   (1 750 µs above 19 200 baud), counted from the last byte seen on the wire in either direction.
/// - Manual direction (GPIO DE/RE, RTS): `tcdrain` returns when the last character has been
///   handed to the shift register; it is on the wire for one more character time. The pair is
///   released at drain + one character time + `guardMicroseconds` (a margin for the UART's
///   shift-register latency and GPIO latency), never earlier: releasing during the last stop
///   bit corrupts it. A slave must keep t3.5 silence before answering, so a guard below
///   t3.5 − 1 character never overlaps its reply; `TurnaroundPlan.init` refuses larger guards.
/// - Automatic direction (kernel RS-485 mode, auto-direction transceivers): the master neither
///   asserts nor releases and listens as soon as the write is drained.
public struct TurnaroundPlan: Sendable, Equatable {
    public let timing: RTUTiming
    public let isAutomatic: Bool
    /// Extra hold after the last character before releasing (manual direction only).
    public let guardMicroseconds: Int
    /// Delay after asserting DE before the first byte (transceiver enable time), usually 0.
    public let assertSetupMicroseconds: Int

    /// Throws `.configuration` when a guard would hold the line into a reply that starts after
    /// t3.5: guard + one character must stay below t3.5.
    public init(timing: RTUTiming, isAutomatic: Bool, guardMicroseconds: Int = 0,
                assertSetupMicroseconds: Int = 0) throws(FieldBusError) {
        guard guardMicroseconds >= 0, assertSetupMicroseconds >= 0 else {
            throw FieldBusError(.configuration, "turnaround guard and setup times must not be negative")
        }
        let limit = timing.t35Microseconds - timing.characterMicroseconds
        guard isAutomatic || Double(guardMicroseconds) < limit else {
            throw FieldBusError(.configuration,
                                "turnaround guard \(guardMicroseconds) µs would hold the line into a reply: it must stay below t3.5 − 1 character = \(Int(limit)) µs at \(timing.format.baud) baud")
        }
        self.timing = timing
        self.isAutomatic = isAutomatic
        self.guardMicroseconds = guardMicroseconds
        self.assertSetupMicroseconds = assertSetupMicroseconds
    }

    /// One character time in nanoseconds, rounded up.
    public var characterNanoseconds: UInt64 { Self.ceilingNanoseconds(timing.characterMicroseconds) }

    /// t3.5 in nanoseconds, rounded up (§2.5.1.1).
    public var silenceNanoseconds: UInt64 { Self.ceilingNanoseconds(timing.t35Microseconds) }

    /// When the last character has left the wire, given when `drain` returned.
    public func lastCharacterEnd(drainedAt: MonotonicInstant) -> MonotonicInstant {
        drainedAt.adding(nanoseconds: characterNanoseconds)
    }

    /// When a manual line may be released: drain + one character + guard.
    public func releaseInstant(drainedAt: MonotonicInstant) -> MonotonicInstant {
        lastCharacterEnd(drainedAt: drainedAt).adding(microseconds: guardMicroseconds)
    }

    /// The earliest instant a request may start, given the last activity seen on the bus.
    public func earliestRequest(afterActivityAt lastActivity: MonotonicInstant) -> MonotonicInstant {
        lastActivity.adding(nanoseconds: silenceNanoseconds)
    }

    /// Microseconds of turnaround a transaction spends beyond the wire time of its frames (for
    /// `BusBudget`): the setup after asserting and the guard after the last character.
    public var turnaroundMicroseconds: Double {
        isAutomatic ? 0 : Double(assertSetupMicroseconds + guardMicroseconds)
    }

    static func ceilingNanoseconds(_ microseconds: Double) -> UInt64 {
        guard microseconds.isFinite, microseconds > 0 else { return 0 }
        let nanos = microseconds * 1000
        let whole = UInt64(nanos)
        return Double(whole) < nanos ? whole + 1 : whole
    }
}
