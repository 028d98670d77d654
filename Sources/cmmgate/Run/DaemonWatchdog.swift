import AgentCore
import DeviceIO
import FieldBus

/// The configured watchdog backend driven by `WatchdogKeeper` (docs/architecture.md, "Daemon"):
/// the kernel device (`[agent] watchdog = device`), systemd's `WATCHDOG=1` (`= systemd`), or
/// none. The keeper decides; this only carries its actions out and says what happened.
struct DaemonWatchdog {
    enum Backend {
        case none
        case device(KernelWatchdog)
        case systemd(SystemdNotifier)
    }

    private(set) var backend: Backend
    private(set) var keeper: WatchdogKeeper?
    /// What was opened, for the start-up log line.
    let summary: String

    /// Opens the backend `settings` names. A device that cannot be opened is an error (the board
    /// would reset under a daemon that believes it is guarded); systemd's watchdog not enabled
    /// for this process (no `$WATCHDOG_USEC`) is only a warning in `summary`.
    init(_ settings: AgentSettings, notifier: SystemdNotifier?) throws(DeviceIOError) {
        switch settings.watchdog {
        case .none:
            backend = .none
            summary = "watchdog: none"
        case .device:
            let device = try KernelWatchdog(path: settings.watchdogDevice, timeoutSeconds: settings.watchdogTimeoutSeconds)
            let timeout = (device.timeoutSeconds ?? settings.watchdogTimeoutSeconds) * 1000
            backend = .device(device)
            keeper = WatchdogKeeper(timeoutMilliseconds: timeout, magicCloseOnOrderlyStop: settings.watchdogMagicClose)
            summary = "watchdog: \(settings.watchdogDevice), timeout \(timeout) ms"
                + (device.timeoutSeconds == nil ? " (the driver did not report one; configured value used)" : "")
        case .systemd:
            guard let notifier, notifier.isEnabled, let microseconds = SystemdNotifier.watchdogTimeoutMicroseconds() else {
                backend = .none
                summary = "watchdog: systemd configured, but systemd's watchdog is not enabled for this process (no NOTIFY_SOCKET or WATCHDOG_USEC): not kicking"
                return
            }
            let timeout = min(settings.watchdogTimeoutSeconds * 1000, Int(microseconds / 1000))
            backend = .systemd(notifier)
            keeper = WatchdogKeeper(timeoutMilliseconds: timeout, magicCloseOnOrderlyStop: false)
            summary = "watchdog: systemd, timeout \(timeout) ms"
        }
    }

    /// One main-loop tick: kicks while `ledger` is healthy; returns a message to log when the
    /// keeper starts withholding kicks or a kick fails.
    mutating func tick(now: MonotonicInstant, ledger: LivenessLedger) -> String? {
        guard var keeper else { return nil }
        defer { self.keeper = keeper }
        return perform(keeper.tick(now: now, ledger: ledger))
    }

    /// Closes the backend (magic close only on an orderly stop, when configured).
    mutating func stop(orderly: Bool) -> String? {
        guard var keeper else { return nil }
        defer { self.keeper = keeper }
        return perform(keeper.stop(orderly: orderly))
    }

    private func perform(_ action: WatchdogAction?) -> String? {
        guard let action else { return nil }
        do throws(DeviceIOError) {
            switch (action, backend) {
            case (.kick, .device(let device)): try device.kick()
            case (.kick, .systemd(let notifier)): try notifier.kick()
            case (.withhold(let loops), _):
                return "watchdog: withholding kicks, loops overdue: \(loops.joined(separator: ", ")); expect a reset"
            case (.close(let magic), .device(let device)): try device.close(magic: magic)
            case (.close, .systemd), (_, .none): break
            }
        } catch {
            return "watchdog: \(action): \(error)"
        }
        return nil
    }
}
