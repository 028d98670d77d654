@testable import DeviceIO
import FieldBus
import Glibc
import Synchronization
import Testing

@Suite struct SystemClockTests {
    @Test func sleepReturnsAtOrAfterItsDeadlineAndTheClockNeverGoesBack() {
        var clock = SystemClock()
        let start = clock.now()
        let deadline = start.adding(microseconds: 2_000)
        clock.sleep(until: deadline)
        let after = clock.now()
        #expect(after >= deadline)
        clock.sleep(until: start)  // a passed deadline returns at once
        #expect(clock.now() >= after)
    }

    @Test func anInterruptedSleepIsRetriedAgainstTheSameDeadline() {
        var clock = SystemClock()
        let calls = Mutex(0)
        let tracer = SystemCallTracer { name in
            guard "\(name)" == "clock_nanosleep" else { return nil }
            return calls.withLock { count -> Int32? in
                count += 1
                return count == 1 ? EINTR : nil
            }
        }
        let deadline = clock.now().adding(microseconds: 1_000)
        SystemCallTracer.withTracer(tracer) { clock.sleep(until: deadline) }
        #expect(calls.withLock { $0 } == 2)
        #expect(clock.now() >= deadline)
    }

    @Test func wallTimeIsCalendarTime() {
        // 2020-01-01T00:00:00Z: any machine running these tests is later than that.
        #expect(SystemClock().wallTime() > WallTime(secondsSinceEpoch: 1_577_836_800))
    }
}
