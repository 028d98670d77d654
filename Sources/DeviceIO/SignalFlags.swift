import CLinuxShim

/// A signal the daemon acts on, named (the C shim's `cmmgate_signal_flag_*` bits underneath).
public enum ReceivedSignal: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SIGTERM: stop in order (systemd's stop, `kill`).
    case terminate
    /// SIGINT: stop in order (Ctrl-C on a console).
    case interrupt
    /// SIGHUP: re-read the configuration and apply it only if it validates.
    case hangup

    /// The bit of `cmmgate_signal_flags_take()`'s result for this signal.
    var flagBit: UInt32 {
        switch self {
        case .terminate: cmmgate_signal_flag_terminate
        case .interrupt: cmmgate_signal_flag_interrupt
        case .hangup: cmmgate_signal_flag_hangup
        }
    }

    public var description: String {
        switch self {
        case .terminate: "SIGTERM"
        case .interrupt: "SIGINT"
        case .hangup: "SIGHUP"
        }
    }
}

/// The daemon's signal policy (mosquitto's): handlers only set flags, the main loop reads them.
///
/// `install()` is `cmmgate_signal_flags_install`: sigaction(2) with SA_RESTART for SIGTERM, SIGINT
/// and SIGHUP, whose handler stores 1 in that signal's `volatile sig_atomic_t` and nothing else,
/// and SIG_IGN for SIGPIPE. `take()` is `cmmgate_signal_flags_take`: each flag is exchanged with 0
/// atomically, so a signal arriving while the flags are read is kept for the next call, never lost.
/// A signal sent twice before `take()` is seen once (the flags do not count).
///
/// The main loop notices a flag at its next tick: ppoll(2) returns EINTR at once (SA_RESTART never
/// restarts it), and clock_nanosleep(2) to an absolute deadline is resumed by the funnel, so the
/// delay is at most one tick. Worker threads block these signals
/// (`cmmgate_signal_flags_block_in_thread`, `PollerThread`) so they are delivered to the main thread.
public enum SignalFlags {
    /// Installs the handlers (once per process; again is harmless).
    public static func install() throws(DeviceIOError) {
        do throws(DeviceIOError) {
            try SystemCall.run("sigaction", policy: .retry) { cmmgate_signal_flags_install() }
        } catch {
            throw error.context("cannot install the signal handlers")
        }
    }

    /// The signals received since the last call (and clears them).
    public static func take() -> Set<ReceivedSignal> {
        decode(cmmgate_signal_flags_take())
    }

    /// The signals whose bits are set in `flags`.
    static func decode(_ flags: UInt32) -> Set<ReceivedSignal> {
        Set(ReceivedSignal.allCases.filter { flags & $0.flagBit != 0 })
    }
}
