import AgentTesting
import Glibc
import Wire

/// One simulated bus: a pseudo-terminal whose far end the gateway opens, the devices on it,
/// and the bytes queued to go out, paced at the bus's character time.
///
/// Requests are framed with the Wire decoders (`RTURequestDecoder`, `DLT645FrameDecoder`) on
/// length and CRC, like the gateway itself. Each reply starts after the turnaround (t3.5 by
/// default) and then leaves one character per character time (plus the `slow` fault's delay).
final class SimulatedBus {
    let spec: SimConfig.BusSpec
    let controller: Int32
    /// Held open so the pty never hangs up while the gateway closes and reopens it.
    private let device: Int32
    let devicePath: String
    let characterNanoseconds: UInt64
    private var slaves: [ModbusSlave]
    private var meters: [DLT645Meter]
    private var input = InputBuffer()
    private var rtuDecoder = RTURequestDecoder()
    private var dltDecoder = DLT645FrameDecoder()
    /// Bytes to send, each with the monotonic nanosecond it is due.
    private(set) var outgoing: [(byte: UInt8, due: UInt64)] = []
    var log: ((String) -> Void)?

    init(_ spec: SimConfig.BusSpec) throws(SimulatorError) {
        var controller: Int32 = -1, device: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        guard openpty(&controller, &device, &name, nil, nil) == 0 else {
            throw SimulatorError("openpty failed: \(String(cString: strerror(errno)))")
        }
        for fd in [controller, device] {
            var settings = termios()
            tcgetattr(fd, &settings)
            cfmakeraw(&settings)
            tcsetattr(fd, TCSANOW, &settings)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        _ = fcntl(controller, F_SETFL, fcntl(controller, F_GETFL) | O_NONBLOCK)
        self.spec = spec
        self.controller = controller
        self.device = device
        self.devicePath = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.characterNanoseconds = UInt64(RTUTiming(spec.format).characterMicroseconds * 1000)
        self.slaves = spec.slaves
        self.meters = spec.meters
    }

    deinit {
        close(controller)
        close(device)
    }

    var turnaroundNanoseconds: UInt64 {
        UInt64(spec.turnaroundMicroseconds ?? Int(RTUTiming(spec.format).t35Microseconds)) * 1000
    }

    /// Reads what the gateway sent and queues replies. `now` and `seconds` (since start) come
    /// from the caller's monotonic clock.
    func receive(now: UInt64, seconds: Double, random: inout SplitMix64) {
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            input.append(contentsOf: buffer[0..<count])
        }
        switch spec.kind {
        case .modbusRTU: decodeModbus(now: now, seconds: seconds, random: &random)
        case .dlt645: decodeDLT645(now: now, seconds: seconds, random: &random)
        }
    }

    private func decodeModbus(now: UInt64, seconds: Double, random: inout SplitMix64) {
        for step in rtuDecoder.decodeAvailable(&input) {
            guard case .frame(let request) = step else { continue }
            guard let index = slaves.firstIndex(where: { $0.id == request.slave }) else { continue }
            slaves[index].requests += 1
            let number = slaves[index].requests
            let reply = slaves[index].answer(request.request, seconds: seconds, random: &random)
            let good = RTUReplyFrame(slave: request.slave, reply: reply).bytes
            let fired = slaves[index].faults.filter { $0.fires(onRequest: number, seconds: seconds, random: &random) }.map(\.kind)
            let function = request.request.function
            let planned = PlannedReply.applying(
                fired, to: good,
                exception: {
                    let code = FaultRule.exceptionCode(in: fired) ?? 4
                    return RTUReplyFrame(slave: request.slave, reply: .exception(ModbusExceptionReply(
                        function: function, exception: ModbusExceptionCode(rawValue: code)))).bytes
                },
                otherAddress: { RTUReplyFrame(slave: request.slave == 247 ? 1 : request.slave + 1, reply: reply).bytes },
                random: &random)
            log?("slave \(request.slave) request \(number): \(function.name) \(request.request.startAddress)+\(request.request.quantity)"
                 + (fired.isEmpty ? "" : " faults " + fired.map(\.description).joined(separator: " ")))
            if let planned { queue(planned, now: now) }
        }
    }

    private func decodeDLT645(now: UInt64, seconds: Double, random: inout SplitMix64) {
        for step in dltDecoder.decodeAvailable(&input) {
            guard case .frame(let frame) = step, !frame.control.isReply else { continue }
            for index in meters.indices where meters[index].isAddressed(by: frame) {
                meters[index].requests += 1
                let number = meters[index].requests
                guard let reply = meters[index].answer(frame, seconds: seconds, random: &random) else { continue }
                let meter = meters[index]
                let fired = meter.faults.filter { $0.fires(onRequest: number, seconds: seconds, random: &random) }.map(\.kind)
                let planned = PlannedReply.applying(
                    fired, to: reply.encoded(),
                    exception: {
                        let code = FaultRule.exceptionCode(in: fired) ?? 1
                        return meter.abnormal(code).encoded()
                    },
                    otherAddress: { (try? DLT645Frame(address: meter.otherAddress, control: reply.control, data: reply.data))?.encoded() ?? [] },
                    random: &random)
                log?("meter \(meter.address) request \(number): control \(frame.control)" + (fired.isEmpty ? "" : " faults " + fired.map(\.description).joined(separator: " ")))
                if let planned { queue(planned, now: now) }
                if frame.address.isWildcard { break }  // one answer to a wildcard
            }
        }
    }

    private func queue(_ reply: PlannedReply, now: UInt64) {
        var due = max(now + turnaroundNanoseconds, (outgoing.last?.due ?? 0) + characterNanoseconds)
        for byte in reply.bytes {
            due += UInt64(reply.extraMicrosecondsPerByte) * 1000
            outgoing.append((byte, due))
            due += characterNanoseconds
        }
    }

    /// Writes every queued byte due by `now` (one write per byte, so a reader sees them arrive
    /// at the bus's pace); returns the next due time, if any.
    func sendDue(now: UInt64) -> UInt64? {
        var sent = 0
        while sent < outgoing.count, outgoing[sent].due <= now {
            var byte = outgoing[sent].byte
            let written = write(controller, &byte, 1)
            if written != 1 {
                if errno == EAGAIN || errno == EINTR { break }
                outgoing.removeAll()  // the far end is gone; drop the reply
                return nil
            }
            sent += 1
        }
        outgoing.removeFirst(sent)
        return outgoing.first?.due
    }
}

struct SimulatorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
