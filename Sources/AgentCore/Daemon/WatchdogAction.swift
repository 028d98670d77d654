/// What `WatchdogKeeper` tells the daemon to do with its watchdog backend (the kernel device, or
/// `WATCHDOG=1` to systemd's notify socket; both take the same actions).
public enum WatchdogAction: Sendable, Equatable {
    /// Kick the watchdog now (WDIOC_KEEPALIVE, or `WATCHDOG=1`).
    case kick
    /// Kicks stop from now on because these loops were overdue: log it (once, as an error), and
    /// let the hardware or systemd restart the board or the agent.
    case withhold(overdueLoops: [String])
    /// Close the backend. `magic` writes the magic close character first (`V` to the kernel
    /// device), which disarms the hardware; without it the timer keeps running after close.
    case close(magic: Bool)
}
