import DeviceIO
import Glibc
import Wire

/// A Modbus RTU slave 1 on the controller side of a pseudo-terminal, answering each read of
/// holding or input registers with register value = address, on a thread of its own. The
/// poller under test opens `devicePath`.
final class PtySlave {
    let devicePath: String
    private var controller: Int32
    private var device: Int32
    /// The responder's stop flag, and one message per request answered.
    private let control = Mailbox<Int>()
    private var thread: PollerThread?
    private var served = 0

    init() throws {
        var controller: Int32 = -1
        var device: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        precondition(openpty(&controller, &device, &name, nil, nil) == 0, "openpty failed: errno \(errno)")
        self.controller = controller
        self.device = device  // kept open so the pty does not hang up before the poller opens it
        self.devicePath = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var settings = termios()
        tcgetattr(controller, &settings)
        cfmakeraw(&settings)
        tcsetattr(controller, TCSANOW, &settings)
        let control = control, fd = controller
        thread = try PollerThread(name: "test-slave") { Self.respond(fd, control) }
    }

    deinit {
        stop()
        if device >= 0 { close(device) }
        if controller >= 0 { close(controller) }
    }

    /// Requests answered so far.
    var requestsServed: Int {
        served += control.drainAll().count
        return served
    }

    /// Ends the responder thread (the pty stays open, silent).
    func stop() {
        control.requestStop()
        try? thread?.join()
        thread = nil
    }

    /// Stops answering and closes the controller side: the device side hangs up, as a USB
    /// adapter that was unplugged.
    func hangUp() {
        stop()
        close(controller)
        controller = -1
    }

    private static func respond(_ fd: Int32, _ control: Mailbox<Int>) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !control.stopRequested {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 20) == 1 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            pending += buffer[0..<count]
            while pending.count >= 8 {
                let request = Array(pending.prefix(8))
                pending.removeFirst(8)
                guard let reply = answer(request) else { continue }
                _ = reply.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                control.post(1)
            }
        }
    }

    /// The reply to an 8-byte RTU read request to slave 1 (values = addresses), else nil.
    private static func answer(_ request: [UInt8]) -> [UInt8]? {
        guard request[0] == 1, let function = ModbusFunction(rawValue: request[1]), !function.readsBits else { return nil }
        let start = UInt16(request[2]) << 8 | UInt16(request[3])
        let count = UInt16(request[4]) << 8 | UInt16(request[5])
        return RTUReplyFrame(slave: 1, reply: .normal(.registers(function, (0..<count).map { start &+ $0 }))).bytes
    }
}
