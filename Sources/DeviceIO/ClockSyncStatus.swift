import CLinuxShim

/// Whether the kernel considers its clock synchronised (by NTP, chrony, a GNSS receiver or an
/// HJ 212 time set through a discipline daemon), from adjtimex(2) read only (modes 0, through
/// `cmmgate_adjtimex_read`: no privilege needed, nothing changes).
///
/// Synchronised means adjtimex did not return TIME_ERROR and `timex.status` lacks STA_UNSYNC. The
/// kernel sets STA_UNSYNC at boot and when no daemon has disciplined the clock for a while, so a
/// box that booted without network (no RTC, or an RTC never set) reports unsynchronised, and its
/// records say so. The raw values are kept for diagnostics (`cmmgate info`, logs).
public struct ClockSyncStatus: Sendable, Equatable, CustomStringConvertible {
    /// adjtimex's return value: the clock state (TIME_OK 0, TIME_INS 1, TIME_DEL 2, TIME_OOP 3,
    /// TIME_WAIT 4, TIME_ERROR 5).
    public let state: Int32
    /// `timex.status`: the STA_* bits (STA_PLL 0x1, STA_UNSYNC 0x40, …).
    public let status: Int32
    /// `timex.maxerror`: the kernel's maximum error bound, microseconds.
    public let maximumErrorMicroseconds: Int
    /// `timex.esterror`: the estimated error, microseconds.
    public let estimatedErrorMicroseconds: Int

    public init(state: Int32, status: Int32, maximumErrorMicroseconds: Int = 0, estimatedErrorMicroseconds: Int = 0) {
        self.state = state
        self.status = status
        self.maximumErrorMicroseconds = maximumErrorMicroseconds
        self.estimatedErrorMicroseconds = estimatedErrorMicroseconds
    }

    /// Reads the kernel's clock state now.
    public static func read() throws(DeviceIOError) -> ClockSyncStatus {
        var raw = cmmgate_clock_state()
        do throws(DeviceIOError) {
            try SystemCall.run("adjtimex", policy: .retry) { cmmgate_adjtimex_read(&raw) }
        } catch {
            throw error.context("cannot read the clock's synchronisation state")
        }
        return ClockSyncStatus(state: raw.state, status: raw.status,
                               maximumErrorMicroseconds: raw.maxerror, estimatedErrorMicroseconds: raw.esterror)
    }

    /// True when the clock is synchronised (see the type's description).
    public var synchronised: Bool { Self.isSynchronised(state: state, status: status) }

    /// The decoding, pure: not TIME_ERROR and no STA_UNSYNC.
    public static func isSynchronised(state: Int32, status: Int32) -> Bool {
        state != cmmgate_time_error && status & cmmgate_sta_unsync == 0
    }

    public var description: String {
        let word = synchronised ? "synchronised" : "not synchronised"
        return "\(word) (adjtimex state \(state), status 0x\(String(status, radix: 16)), "
            + "max error \(maximumErrorMicroseconds) µs)"
    }
}
