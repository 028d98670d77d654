import AgentTesting
import Glibc

/// The simulator's single-threaded loop: poll the ptys (and standard input, whose end stops
/// the simulator), read requests, and send queued reply bytes at their due times. Waits of
/// less than 2 ms are slept with clock_nanosleep(TIMER_ABSTIME) for accurate pacing; longer
/// ones in poll(2).
struct SimulatorLoop {
    let buses: [SimulatedBus]
    var random: SplitMix64
    let start: UInt64

    init(buses: [SimulatedBus], seed: UInt64) {
        self.buses = buses
        self.random = SplitMix64(seed: seed)
        self.start = Self.monotonicNanoseconds()
    }

    mutating func run() throws(SimulatorError) {
        var watchStandardInput = true
        while true {
            var now = Self.monotonicNanoseconds()
            var nextDue: UInt64? = nil
            for bus in buses {
                if let due = bus.sendDue(now: now) { nextDue = min(nextDue ?? due, due) }
            }
            if let due = nextDue, due <= now + 2_000_000 {
                Self.sleep(until: due)
                continue
            }
            var entries = buses.map { pollfd(fd: $0.controller, events: Int16(POLLIN), revents: 0) }
            if watchStandardInput { entries.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
            let timeout: Int32 = nextDue.map { Int32(min(($0 - now + 999_999) / 1_000_000, 1000)) } ?? 1000
            let ready = poll(&entries, nfds_t(entries.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw SimulatorError("poll failed: \(String(cString: strerror(errno)))")
            }
            now = Self.monotonicNanoseconds()
            let seconds = Double(now - start) / 1e9
            for (index, bus) in buses.enumerated() where entries[index].revents & Int16(POLLIN) != 0 {
                bus.receive(now: now, seconds: seconds, random: &random)
            }
            if watchStandardInput, let last = entries.last, last.revents != 0 {
                var byte: UInt8 = 0
                let count = read(0, &byte, 1)
                if count == 0 { return }  // end of input: the parent is done with us
                if count < 0 && errno != EINTR && errno != EAGAIN { watchStandardInput = false }
            }
        }
    }

    static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    static func sleep(until nanoseconds: UInt64) {
        var target = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil) == EINTR {}
    }
}
