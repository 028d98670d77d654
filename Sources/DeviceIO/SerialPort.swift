import CLinuxShim
import FieldBus
import Glibc
import Wire

/// A termios serial port (a UART, a USB adapter, or a pseudo-terminal in tests), the
/// `SerialLink` the field-bus masters drive.
///
/// Opened with open(2) `O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC`, taken exclusively
/// (ioctl TIOCEXCL), set raw with the validated character format (tcsetattr(3), read back with
/// tcgetattr(3) and compared), both queues flushed. Reads wait in ppoll(2) against a monotonic
/// deadline (never VTIME, whose unit is 100 ms), its timeout rounded up to whole milliseconds
/// and recomputed from the deadline after EINTR.
/// Every call goes through `SystemCall.run`.
///
/// Errors name the port and the call. EIO, ENODEV and ENXIO (and a hang-up seen by poll) are
/// `.portVanished`: the device went away under the descriptor; the caller closes, backs off and
/// calls `reopen()`. After any read or write error both queues are flushed (tcflush TCIOFLUSH),
/// so stale bytes never leak into the next transaction.
public final class SerialPort: SerialLink {
    public let settings: SerialPortSettings
    private var descriptor: Int32
    private let clock = SystemClock()
    private var readBuffer = [UInt8](repeating: 0, count: 512)

    /// Opens and configures the port; throws with the path and the failing call.
    public init(_ settings: SerialPortSettings) throws(DeviceIOError) {
        self.settings = settings
        self.descriptor = try Self.open(settings)
    }

    deinit { close() }

    public var characterFormat: SerialCharacterFormat { settings.format }

    /// The open descriptor (-1 once closed), for the direction controls that ioctl the same tty.
    public var fileDescriptor: Int32 { descriptor }

    public var isOpen: Bool { descriptor >= 0 }

    /// Closes the descriptor (idempotent). close(2) is not retried on EINTR: on Linux the
    /// descriptor is released even then, and a retry could close someone else's.
    public func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    /// Closes (if open) and opens the same path with the same settings: after `.portVanished`.
    public func reopen() throws(DeviceIOError) {
        close()
        descriptor = try Self.open(settings)
    }

    public func write(_ bytes: [UInt8]) throws(DeviceIOError) {
        let fd = try openDescriptor("write")
        var offset = 0
        do throws(DeviceIOError) {
            while offset < bytes.count {
                do throws(DeviceIOError) {
                    offset += try SystemCall.run("write", policy: .retry) {
                        bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
                    }
                } catch where error.errno == EAGAIN {
                    try waitWritable(fd)
                }
            }
        } catch {
            throw failed(error, "write of \(bytes.count) bytes (\(offset) written)")
        }
    }

    public func drain() throws(DeviceIOError) {
        let fd = try openDescriptor("drain")
        do throws(DeviceIOError) {
            try SystemCall.run("tcdrain", policy: .retry) { tcdrain(fd) }
        } catch {
            throw failed(error, "drain")
        }
    }

    public func read(until deadline: MonotonicInstant) throws(DeviceIOError) -> [UInt8] {
        let fd = try openDescriptor("read")
        do throws(DeviceIOError) {
            while true {
                guard try waitReadable(fd, until: deadline) else { return [] }
                let count: Int
                do throws(DeviceIOError) {
                    count = try SystemCall.run("read", policy: .retry) {
                        readBuffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                    }
                } catch where error.errno == EAGAIN {
                    continue  // poll said readable but the bytes were gone: wait again
                }
                if count > 0 { return Array(readBuffer[0..<count]) }
                throw DeviceIOError(.portVanished, "read returned end of file (hang-up)")
            }
        } catch {
            throw failed(error, "read")
        }
    }

    public func discardInput() throws(DeviceIOError) {
        let fd = try openDescriptor("discard input")
        do throws(DeviceIOError) {
            try SystemCall.run("tcflush", policy: .retry) { tcflush(fd, TCIFLUSH) }
        } catch {
            throw failed(error, "discard input")
        }
    }

    /// The settings the driver holds now (tcgetattr(3)), as a character format.
    public func currentFormat() throws(DeviceIOError) -> SerialCharacterFormat? {
        let fd = try openDescriptor("tcgetattr")
        var current = termios()
        do throws(DeviceIOError) {
            try SystemCall.run("tcgetattr", policy: .retry) { tcgetattr(fd, &current) }
        } catch {
            throw failed(error, "read back settings")
        }
        return SerialPortSettings.format(of: current)
    }

    // MARK: - Waiting

    /// Waits (`PollWait`, to the nanosecond) for POLLIN until `deadline`; false when the deadline
    /// passed. EINTR is reported by the funnel and the remaining time recomputed from the deadline.
    private func waitReadable(_ fd: Int32, until deadline: MonotonicInstant) throws(DeviceIOError) -> Bool {
        while true {
            let timeout = PollWait.remaining(until: deadline, now: clock.now())
            guard let ready = try Self.poll(fd, events: POLLIN, timeoutNanoseconds: timeout) else { continue }
            if ready { return true }
            if timeout == 0 { return false }
        }
    }

    /// Waits for room in the output queue (write returned EAGAIN): at most the time the queue
    /// takes to empty at this baud, plus a second for a driver or USB hiccup.
    private func waitWritable(_ fd: Int32) throws(DeviceIOError) {
        let queueMicroseconds = RTUTiming(settings.format).frameMicroseconds(byteCount: 4096)
        let deadline = clock.now().adding(microseconds: Int(queueMicroseconds) + 1_000_000)
        while true {
            let now = clock.now()
            guard deadline > now else {
                throw DeviceIOError(.timedOut, "output queue did not drain (flow stopped?)")
            }
            let timeout = PollWait.remaining(until: deadline, now: now)
            if try Self.poll(fd, events: POLLOUT, timeoutNanoseconds: timeout) == true { return }
        }
    }

    /// One wait on the port: true when ready, false on timeout, nil when interrupted; a hang-up
    /// or error without data is `.portVanished`.
    static func poll(_ fd: Int32, events: Int32, timeoutNanoseconds: Int64) throws(DeviceIOError) -> Bool? {
        guard let revents = try PollWait.once(fd, events: events, timeoutNanoseconds: timeoutNanoseconds) else {
            return nil
        }
        if revents == 0 { return false }
        try checkPollEvents(revents)
        return true
    }

    private static func checkPollEvents(_ revents: Int16) throws(DeviceIOError) {
        if revents & Int16(POLLNVAL) != 0 {
            throw DeviceIOError(.systemCall, "poll: descriptor not open (POLLNVAL)")
        }
        if revents & Int16(POLLIN | POLLOUT) == 0, revents & Int16(POLLHUP | POLLERR) != 0 {
            throw DeviceIOError(.portVanished, "poll reported hang-up or error (revents 0x\(String(revents, radix: 16)))")
        }
    }

    // MARK: - Errors

    private func openDescriptor(_ operation: String) throws(DeviceIOError) -> Int32 {
        guard descriptor >= 0 else {
            throw DeviceIOError(.invalidArgument, "\(settings.path): \(operation) on a closed port")
        }
        return descriptor
    }

    /// `error` with the port and operation named, vanished devices classified, and both queues
    /// flushed (best effort: a flush failure is added to the message, never hides the error).
    private func failed(_ error: DeviceIOError, _ operation: String) -> DeviceIOError {
        var result = Self.classify(error).context("\(settings.path): \(operation)")
        guard descriptor >= 0, result.code != .portVanished else { return result }
        let fd = descriptor
        do throws(DeviceIOError) {
            try SystemCall.run("tcflush", policy: .retry) { tcflush(fd, TCIOFLUSH) }
        } catch {
            result.message += "; tcflush after the error failed too: \(error)"
        }
        return result
    }

    /// EIO, ENODEV and ENXIO mean the device is gone: `.portVanished`.
    static func classify(_ error: DeviceIOError) -> DeviceIOError {
        guard error.code == .systemCall, let code = error.errno,
              code == EIO || code == ENODEV || code == ENXIO else { return error }
        var vanished = error
        vanished.code = .portVanished
        return vanished
    }
}
