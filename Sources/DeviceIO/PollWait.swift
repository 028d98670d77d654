import CLinuxShim
import FieldBus
import Glibc

/// Waiting for one descriptor against a monotonic deadline, to the nanosecond: ppoll(2)
/// through `cmmgate_ppoll_one`. poll(2) takes whole milliseconds, so a 3.65 ms t3.5 wait at
/// 9600 baud would last 4 ms and every transaction would start 350 µs late.
///
/// EINTR policy `.report`: an interrupted wait returns nil and the caller recomputes the time
/// left from its deadline (restarting with the old timeout would overshoot it).
enum PollWait {
    /// Nanoseconds from `now` to `deadline`, 0 once it has passed.
    static func remaining(until deadline: MonotonicInstant, now: MonotonicInstant) -> Int64 {
        guard deadline > now else { return 0 }
        return Int64(min(deadline.nanoseconds - now.nanoseconds, UInt64(Int64.max)))
    }

    /// One wait for `events` on `fd`: the events seen when ready, an empty set on timeout,
    /// nil when interrupted.
    static func once(_ fd: Int32, events: Int32, timeoutNanoseconds: Int64) throws(DeviceIOError) -> Int16? {
        var revents: Int16 = 0
        let ready: Int32
        do throws(DeviceIOError) {
            ready = try SystemCall.run("ppoll", policy: .report) {
                cmmgate_ppoll_one(fd, Int16(events), timeoutNanoseconds, &revents)
            }
        } catch where error.errno == EINTR {
            return nil
        }
        return ready == 0 ? 0 : revents
    }
}
