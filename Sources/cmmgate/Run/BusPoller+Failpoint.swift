import AgentCore
import DeviceIO

extension BusPoller {
    /// The `CMMGATE_TEST_HANG_POLLER` failpoint: reports progress once, then never again and never
    /// returns (not even when asked to stop), like a poller stuck in a driver call. The watchdog
    /// tests use it to prove a hung loop stops the kicks; the daemon cannot stop in order with it
    /// (the test ends it with SIGKILL, as the hardware watchdog would reset the board).
    static func hang(_ setup: BusPollerSetup, mailbox: Mailbox<BusReport>) -> Never {
        mailbox.post(.alive(bus: setup.index))
        let clock = SystemClock()
        while true { clock.sleep(microseconds: 1_000_000) }
    }
}
