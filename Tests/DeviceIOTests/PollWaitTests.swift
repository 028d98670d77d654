@testable import DeviceIO
import FieldBus
import Glibc
import Testing

@Suite struct PollWaitTests {
    @Test func theTimeLeftIsExactToTheNanosecondNotRoundedToMilliseconds() {
        let now = MonotonicInstant(nanoseconds: 1_000_000_000)
        // t3.5 at 9600 8N1 is 3 645 833 ns: poll(2) would have waited 4 ms.
        let deadline = MonotonicInstant(nanoseconds: 1_003_645_833)
        #expect(PollWait.remaining(until: deadline, now: now) == 3_645_833)
        #expect(PollWait.remaining(until: now, now: deadline) == 0)
        #expect(PollWait.remaining(until: now, now: now) == 0)
    }

    @Test func readyTimeoutAndInterruptionAreToldApart() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(try PollWait.once(fds[0], events: Int32(POLLIN), timeoutNanoseconds: 0) == 0)
        var byte: UInt8 = 7
        #expect(write(fds[1], &byte, 1) == 1)
        let revents = try PollWait.once(fds[0], events: Int32(POLLIN), timeoutNanoseconds: 0)
        #expect(revents.map { $0 & Int16(POLLIN) != 0 } == true)
        let interrupted = try SystemCallTracer.withTracer(SystemCallTracer { _ in EINTR }) {
            try PollWait.once(fds[0], events: Int32(POLLIN), timeoutNanoseconds: 0)
        }
        #expect(interrupted == nil)
    }
}
