/// Exponential back-off with a cap and seeded jitter, for reconnecting sockets and reopening
/// vanished serial ports (pure: the jitter comes from an injected seed, not a global RNG).
///
/// delay(n) = min(cap, initial × factorⁿ⁻¹), then scaled by a factor drawn uniformly from
/// [1 − jitter, 1] with a SplitMix64 hash of (seed, n), so devices that lost the same server at
/// the same moment do not reconnect in lock step, and a test with a fixed seed sees fixed delays.
public struct BackoffPolicy: Sendable, Equatable {
    public var initialMilliseconds: Int
    public var factor: Double
    public var capMilliseconds: Int
    /// Fraction 0…1 of the delay that may be taken off at random.
    public var jitter: Double

    public init(initialMilliseconds: Int = 500, factor: Double = 2, capMilliseconds: Int = 60_000,
                jitter: Double = 0.2) {
        self.initialMilliseconds = max(0, initialMilliseconds)
        self.factor = max(1, factor)
        self.capMilliseconds = max(self.initialMilliseconds, capMilliseconds)
        self.jitter = min(1, max(0, jitter))
    }

    /// The delay before attempt `failures + 1`, after `failures` ≥ 1 consecutive failures.
    public func delayMilliseconds(afterFailures failures: Int, seed: UInt64) -> Int {
        guard failures > 0 else { return 0 }
        var delay = Double(initialMilliseconds)
        var step = 1
        while step < failures, delay < Double(capMilliseconds) {
            delay *= factor
            step += 1
        }
        delay = min(delay, Double(capMilliseconds))
        let unit = Double(Self.mix(seed &+ UInt64(failures)) >> 11) / Double(1 << 53)
        return Int((delay * (1 - jitter * unit)).rounded(.down))
    }

    /// SplitMix64's output function (Steele, Lea, Flood).
    static func mix(_ input: UInt64) -> UInt64 {
        var value = input &+ 0x9E37_79B9_7F4A_7C15
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// The reconnect state of one port or session: consecutive failures and the earliest next attempt.
public struct ReconnectBackoff: Sendable, Equatable {
    public let policy: BackoffPolicy
    public let seed: UInt64
    public private(set) var consecutiveFailures = 0
    public private(set) var notBefore = MonotonicInstant.zero

    public init(policy: BackoffPolicy = BackoffPolicy(), seed: UInt64) {
        self.policy = policy
        self.seed = seed
    }

    /// Whether an attempt may start at `now`.
    public func mayAttempt(at now: MonotonicInstant) -> Bool { now >= notBefore }

    /// Records a failed attempt (or a lost connection) at `now`; returns when the next may start.
    @discardableResult
    public mutating func recordFailure(at now: MonotonicInstant) -> MonotonicInstant {
        consecutiveFailures += 1
        notBefore = now.adding(milliseconds: policy.delayMilliseconds(afterFailures: consecutiveFailures, seed: seed))
        return notBefore
    }

    /// Records a successful connection: the next failure starts from the initial delay again.
    public mutating func recordSuccess() {
        consecutiveFailures = 0
        notBefore = .zero
    }
}
