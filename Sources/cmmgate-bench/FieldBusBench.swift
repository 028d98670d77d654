import DeviceIO
import FieldBus
import Glibc
import Wire

/// Field-bus timing against the baud-paced simulator (`cmmgate-sim`) on a pseudo-terminal,
/// through the agent's own stack: `SerialBusRunner` over DeviceIO's `SerialPort`, `NoDirection`
/// and `SystemClock` (what `cmmgate probe` and the bus poller use).
///
/// - `fieldbus transactions --port PATH --baud N --count N [--untimed]`: reads 10 holding
///   registers (0…9) of slave 1, N transactions back to back. Each is timed from the call to
///   `readModbus` to its return, so it includes the master's t3.5 silence before the request.
///   Prints the median and p95 in µs, the ideal time and the overhead (median − ideal).
///   `--untimed` times and prints nothing (for callgrind: Scripts/bench runs N and 0 and divides
///   the difference by N; the simulator runs outside valgrind).
/// - `fieldbus cycle --port PATH --baud N --cycles N`: 16 configured reads of 2 registers
///   (addresses 0, 2, 4, 6 of slaves 1…4, period 1 s), coalesced by `PollPlanner` into one
///   request per slave, run by `PollSchedule` and `pollNext`. A cycle is timed from its due
///   instant until its last request returned; printed next to `BusBudget`'s computed worst case
///   (with the agent's default 10 ms expected reply latency, and with the simulator's t3.5) and
///   the least time the cycle can take on the pty (`cycleIdealPty`).
///
/// What "ideal" means on a pty. A pseudo-terminal does not pace what the master writes: the
/// request's 8 characters reach the simulator at once and `tcdrain` returns at once. The
/// simulator then waits its t3.5 and writes the 25-byte reply one byte per character time, each
/// byte when its character *starts* (the last byte is written 24 character times after the
/// first). So the least time one transaction can take here is
///   t3.5 (master's silence before the request, from the last reply byte it read)
///   + t3.5 (simulator's turnaround) + 24 character times,
/// printed as `ideal_pty_us`; the overhead is measured against it and so holds everything else:
/// the agent's CPU time, its timer rounding and wake-up latency, and the simulator's and the
/// kernel's latency (an upper bound on the agent's share). On a real RS-485 line the request's
/// 8 characters and the reply's 25th are also on the wire: `ideal_wire_us` = t3.5 + 8 + t3.5 + 25
/// character times, printed for reference only (measuring against it on a pty would give a
/// negative overhead).
enum FieldBusBench {
    static let usage = """
        usage: cmmgate-bench fieldbus transactions --port PATH --baud N --count N [--untimed]
               cmmgate-bench fieldbus cycle --port PATH --baud N --cycles N
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let mode = arguments.first, mode == "transactions" || mode == "cycle",
              let options = Options(Array(arguments.dropFirst())) else {
            print(usage)
            return 64
        }
        do throws(BenchFailure) {
            var runner = try openRunner(options)
            switch mode {
            case "transactions": return try transactions(&runner, options)
            default: return try cycle(&runner, options)
            }
        } catch {
            print("cmmgate-bench fieldbus: \(error.message)")
            return 1
        }
    }

    struct Options {
        var port = ""
        var baud = 9600
        var count = 0
        var untimed = false

        init?(_ arguments: [String]) {
            var index = 0
            var sawPort = false, sawCount = false
            while index < arguments.count {
                let name = arguments[index]
                if name == "--untimed" { untimed = true; index += 1; continue }
                guard index + 1 < arguments.count else { return nil }
                let value = arguments[index + 1]
                index += 2
                switch name {
                case "--port": port = value; sawPort = true
                case "--baud": guard let number = Int(value), number > 0 else { return nil }; baud = number
                case "--count", "--cycles":
                    guard let number = Int(value), (0...1_000_000).contains(number) else { return nil }
                    count = number; sawCount = true
                default: return nil
                }
            }
            guard sawPort, sawCount else { return nil }
        }
    }

    struct BenchFailure: Error {
        var message: String
    }

    typealias Runner = SerialBusRunner<SerialPort, NoDirection, SystemClock>

    static func openRunner(_ options: Options) throws(BenchFailure) -> Runner {
        let port: SerialPort
        do throws(DeviceIOError) {
            port = try SerialPort(SerialPortSettings(path: options.port, baud: options.baud, parity: .none))
        } catch {
            throw BenchFailure(message: "\(options.port): \(error.description)")
        }
        let settings = SerialMasterSettings(busName: options.port, responseTimeoutMilliseconds: 1000, retries: 0)
        do throws(FieldBusError) {
            return try SerialBusRunner(link: port, direction: NoDirection(), clock: SystemClock(), settings: settings)
        } catch {
            throw BenchFailure(message: error.message)
        }
    }

    static let tenRegisters = ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 10)

    static func transactions(_ runner: inout Runner, _ options: Options) throws(BenchFailure) -> Int32 {
        var durations: [UInt64] = []
        durations.reserveCapacity(options.untimed ? 0 : options.count)
        var failures = 0
        for _ in 0..<options.count {
            let start = options.untimed ? 0 : BenchClock.nanoseconds()
            do throws(FieldBusError) {
                let reply = try runner.readModbus(slave: 1, tenRegisters)
                if reply.value.registers.count != 10 { failures += 1 }
            } catch {
                failures += 1
                if error.code == .portFailure || error.code == .portVanished { throw BenchFailure(message: error.message) }
            }
            if !options.untimed { durations.append(BenchClock.nanoseconds() - start) }
        }
        guard !options.untimed else { return failures == 0 ? 0 : 1 }
        let timing = runner.plan.timing
        let idealPty = 2 * timing.t35Microseconds + timing.frameMicroseconds(byteCount: 24)
        let idealWire = 2 * timing.t35Microseconds + timing.frameMicroseconds(byteCount: 8 + 25)
        let median = percentile(durations, 0.5), p95 = percentile(durations, 0.95)
        print("fieldbus_transactions \(options.count)")
        print("fieldbus_failures \(failures)")
        print("fieldbus_median_us \(format(median))")
        print("fieldbus_p95_us \(format(p95))")
        print("fieldbus_ideal_pty_us \(format(idealPty))")
        print("fieldbus_ideal_wire_us \(format(idealWire))")
        print("fieldbus_overhead_median_us \(format(median - idealPty))")
        print("fieldbus_overhead_p95_us \(format(p95 - idealPty))")
        return failures == 0 ? 0 : 1
    }

    /// 16 reads of 2 registers: addresses 0, 2, 4, 6 of slaves 1…4, every second.
    static var sixteenPoints: [PollRead] {
        (1...4).flatMap { slave in
            (0..<4).map { point in
                PollRead(id: "s\(slave)p\(point)",
                         source: .modbus(slave: UInt8(slave), function: .readHoldingRegisters, address: UInt16(2 * point), count: 2),
                         periodMilliseconds: 1000)
            }
        }
    }

    static func cycle(_ runner: inout Runner, _ options: Options) throws(BenchFailure) -> Int32 {
        let requests: [PollRequest]
        do throws(FieldBusError) {
            requests = try PollPlanner().plan(sixteenPoints)
        } catch {
            throw BenchFailure(message: error.message)
        }
        // The agent's default expected reply latency (10 ms), and the simulator's (its t3.5).
        let budgetDefault = BusBudget(plan: runner.plan).report(requests)
        let simLatency = Int(runner.plan.timing.t35Microseconds)
        let budgetSim = BusBudget(plan: runner.plan, replyLatencyMicroseconds: simLatency).report(requests)
        // Start one period from now so the t3.5 after opening the port has passed.
        var schedule = PollSchedule(requests: requests, start: runner.clock.now().adding(microseconds: 100_000))
        var cycles: [UInt64] = []
        var failures = 0
        for _ in 0..<options.count {
            guard let first = schedule.next() else { break }
            let due = first.due
            var last = due
            for _ in requests.indices {
                let results: [PollResult]?
                do throws(FieldBusError) {
                    results = try runner.pollNext(&schedule)
                } catch {
                    throw BenchFailure(message: error.message)
                }
                last = runner.clock.now()
                for result in results ?? [] { if case .failure = result.result { failures += 1 } }
            }
            cycles.append(last.nanoseconds - due.nanoseconds)
        }
        print("fieldbus_cycle_points \(sixteenPoints.count)")
        print("fieldbus_cycle_requests \(requests.count)")
        print("fieldbus_cycles \(cycles.count)")
        print("fieldbus_cycle_failures \(failures)")
        print("fieldbus_cycle_missed_slots \(schedule.missedSlots.reduce(0, +))")
        print("fieldbus_cycle_median_us \(format(percentile(cycles, 0.5)))")
        print("fieldbus_cycle_max_us \(format(percentile(cycles, 1)))")
        print("fieldbus_cycle_ideal_pty_us \(format(cycleIdealPty(requests, runner.plan.timing)))")
        print("fieldbus_budget_default_latency_us \(format(budgetDefault.periods.first?.worstCaseMicroseconds ?? 0))")
        print("fieldbus_budget_sim_latency_us \(format(budgetSim.periods.first?.worstCaseMicroseconds ?? 0))")
        return failures == 0 ? 0 : 1
    }

    /// The least time one cycle can take on the simulator's pty (see the type's comment): the
    /// first request is due long after the last reply, so only the others wait the master's t3.5;
    /// each reply takes the simulator's t3.5 and (reply length − 1) character times.
    static func cycleIdealPty(_ requests: [PollRequest], _ timing: RTUTiming) -> Double {
        let budget = BusBudget(plan: try! TurnaroundPlan(timing: timing, isAutomatic: true))
        let replies = requests.reduce(0.0) { total, request in
            total + timing.t35Microseconds + timing.frameMicroseconds(byteCount: budget.frameLengths(request).reply - 1)
        }
        return replies + Double(max(0, requests.count - 1)) * timing.t35Microseconds
    }

    /// Nearest-rank percentile in microseconds (0 for no samples).
    static func percentile(_ nanoseconds: [UInt64], _ fraction: Double) -> Double {
        guard !nanoseconds.isEmpty else { return 0 }
        let sorted = nanoseconds.sorted()
        let rank = max(1, Int((fraction * Double(sorted.count)).rounded(.up)))
        return Double(sorted[min(rank, sorted.count) - 1]) / 1000
    }

    static func format(_ microseconds: Double) -> String { "\(Int(microseconds.rounded()))" }
}
