@testable import DeviceIO
import Glibc
import Synchronization
import Testing

/// The kernel watchdog against a FIFO standing in for /dev/watchdog: the watchdog ioctls fail on
/// it with ENOTTY (as on a driver without them), so kicks become one-byte writes the test reads
/// back, and the magic close is a `V` before end of file.
@Suite struct KernelWatchdogTests {
    /// A FIFO at a fresh path with its read end open (non-blocking, so the test never waits);
    /// `body` gets the path and the read end.
    private func withFifo(_ body: (String, Int32) throws -> Void) throws {
        let path = FileBlockDeviceTests.temporaryPath("watchdog-fifo")
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let reader = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        #expect(reader >= 0)
        defer { close(reader) }
        try body(path, reader)
    }

    /// What the FIFO holds now; nil at end of file (every writer closed).
    private func drain(_ fd: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count == 0 { return nil }
        if count < 0 { return errno == EAGAIN ? [] : [0xFF, 0xFF] }
        return Array(buffer[0..<count])
    }

    @Test func kicksFallBackToWritesAndTheMagicCloseWritesV() throws {
        try withFifo { path, reader in
            let calls = Mutex<[String]>([])
            let tracer = SystemCallTracer { name in calls.withLock { $0.append("\(name)") }; return nil }
            let watchdog = try SystemCallTracer.withTracer(tracer) { () throws -> KernelWatchdog in
                let watchdog = try KernelWatchdog(path: path, timeoutSeconds: 30)
                try watchdog.kick()
                try watchdog.kick()
                return watchdog
            }
            #expect(watchdog.timeoutSeconds == nil, "a FIFO answers neither timeout ioctl")
            #expect(watchdog.kicksByWrite)
            #expect(calls.withLock { $0 } == ["open", "ioctl(WDIOC_SETTIMEOUT)", "ioctl(WDIOC_GETTIMEOUT)",
                                              "ioctl(WDIOC_KEEPALIVE)", "write", "write"],
                    "the keepalive ioctl is tried once, then writes are remembered")
            #expect(drain(reader) == [0, 0])
            try watchdog.close(magic: true)
            #expect(drain(reader) == Array("V".utf8))
            #expect(drain(reader) == nil, "closed")
            #expect(!watchdog.isOpen)
        }
    }

    @Test func aCloseWithoutMagicWritesNothing() throws {
        try withFifo { path, reader in
            let watchdog = try KernelWatchdog(path: path, timeoutSeconds: 10)
            try watchdog.kick()
            #expect(drain(reader) == [0])
            try watchdog.close(magic: false)
            #expect(drain(reader) == nil)
            #expect(throws: DeviceIOError.self) { try watchdog.kick() }
            #expect(throws: DeviceIOError.self) { try watchdog.close(magic: true) }
        }
    }

    @Test func droppingTheWatchdogClosesItWithoutMagic() throws {
        try withFifo { path, reader in
            do {
                let watchdog = try KernelWatchdog(path: path, timeoutSeconds: 10)
                try watchdog.kick()
            }
            #expect(drain(reader) == [0])
            #expect(drain(reader) == nil)
        }
    }

    @Test func aFailedKickNamesTheDevice() throws {
        try withFifo { path, _ in
            let watchdog = try KernelWatchdog(path: path, timeoutSeconds: 10)
            let tracer = SystemCallTracer { name in "\(name)" == "write" ? EIO : nil }
            do {
                try SystemCallTracer.withTracer(tracer) { try watchdog.kick() }
                Issue.record("the kick succeeded")
            } catch let error as DeviceIOError {
                #expect(error.message.contains(path) && error.errno == EIO)
            }
            try watchdog.close(magic: false)
        }
    }

    @Test func aTimeoutTheDriverRefusesOtherwiseIsAnError() throws {
        try withFifo { path, reader in
            let tracer = SystemCallTracer { name in "\(name)" == "ioctl(WDIOC_SETTIMEOUT)" ? EIO : nil }
            do {
                _ = try SystemCallTracer.withTracer(tracer) { try KernelWatchdog(path: path, timeoutSeconds: 30) }
                Issue.record("opened despite the failed ioctl")
            } catch let error as DeviceIOError {
                #expect(error.message.contains("timeout to 30 s") && error.errno == EIO)
            }
            #expect(drain(reader) == nil, "closed again, no magic")
        }
    }

    @Test func aMissingDeviceIsReportedWithItsPath() {
        do {
            _ = try KernelWatchdog(path: "/nonexistent/watchdog", timeoutSeconds: 30)
            Issue.record("opened a missing device")
        } catch {
            #expect(error.message.contains("/nonexistent/watchdog") && error.errno == ENOENT)
        }
    }
}
