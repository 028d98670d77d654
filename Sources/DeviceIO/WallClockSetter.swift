import Glibc

/// Steps the system's wall clock: clock_settime(2) on CLOCK_REALTIME. Needs CAP_SYS_TIME (the
/// platform's set-time, HJ 212 CN 1012); without it the call fails with EPERM, reported as it is.
public enum WallClockSetter {
    public static func set(milliseconds: Int64) throws(DeviceIOError) {
        var time = timespec(tv_sec: Int(milliseconds / 1000), tv_nsec: Int(milliseconds % 1000) * 1_000_000)
        try SystemCall.run("clock_settime(CLOCK_REALTIME)", policy: .retry) { clock_settime(CLOCK_REALTIME, &time) }
    }
}
