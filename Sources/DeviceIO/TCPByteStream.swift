import FieldBus
import Glibc

/// A TCP connection to a Modbus TCP server or a serial device server (RTU over TCP), the
/// `ByteStream` the stream masters drive.
///
/// socket(2) `SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC`, connect(2) in progress waited out
/// with poll(2) against the monotonic deadline and checked with getsockopt(SO_ERROR),
/// TCP_NODELAY set (a request is one small segment that must leave at once). Reads wait in
/// poll(2) against their deadline; writes use send(2) with MSG_NOSIGNAL (a closed peer is an
/// error, never SIGPIPE). Every call goes through `SystemCall.run`; errors name the endpoint.
public final class TCPByteStream: ByteStream {
    public let endpoint: TCPEndpoint
    private var descriptor: Int32 = -1
    private let clock = SystemClock()
    private var readBuffer = [UInt8](repeating: 0, count: 1024)
    /// How long a write may wait for room in the socket buffer.
    public var writeTimeoutMilliseconds = 5_000

    public init(_ endpoint: TCPEndpoint) { self.endpoint = endpoint }

    deinit { close() }

    public var isConnected: Bool { descriptor >= 0 }

    public func connect(until deadline: MonotonicInstant) throws(DeviceIOError) {
        close()
        let address = try endpoint.resolve()
        do throws(DeviceIOError) {
            let fd = try SystemCall.run("socket", policy: .retry) {
                socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            }
            descriptor = fd
            try connectInProgress(fd, address, until: deadline)
            var one: Int32 = 1
            try SystemCall.run("setsockopt(TCP_NODELAY)", policy: .retry) {
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            }
        } catch {
            close()
            throw error.context("connect to \(endpoint)")
        }
    }

    public func write(_ bytes: [UInt8]) throws(DeviceIOError) {
        let fd = try connectedDescriptor("write")
        var offset = 0
        let deadline = clock.now().adding(microseconds: writeTimeoutMilliseconds * 1000)
        do throws(DeviceIOError) {
            while offset < bytes.count {
                do throws(DeviceIOError) {
                    offset += try SystemCall.run("send", policy: .retry) {
                        bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
                    }
                } catch where error.errno == EAGAIN {
                    guard try wait(fd, for: POLLOUT, until: deadline) else {
                        throw DeviceIOError(.timedOut, "send buffer stayed full for \(writeTimeoutMilliseconds) ms")
                    }
                }
            }
        } catch {
            close()
            throw error.context("\(endpoint): write of \(bytes.count) bytes (\(offset) sent)")
        }
    }

    public func read(until deadline: MonotonicInstant) throws(DeviceIOError) -> [UInt8] {
        let fd = try connectedDescriptor("read")
        do throws(DeviceIOError) {
            while true {
                guard try wait(fd, for: POLLIN, until: deadline) else { return [] }
                let count: Int
                do throws(DeviceIOError) {
                    count = try SystemCall.run("recv", policy: .retry) {
                        readBuffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    }
                } catch where error.errno == EAGAIN {
                    continue
                }
                guard count > 0 else { throw DeviceIOError(.systemCall, "peer closed the connection") }
                return Array(readBuffer[0..<count])
            }
        } catch {
            close()
            throw error.context("\(endpoint): read")
        }
    }

    public func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    private func connectInProgress(_ fd: Int32, _ address: TCPEndpoint.Resolved,
                                   until deadline: MonotonicInstant) throws(DeviceIOError) {
        do throws(DeviceIOError) {
            try SystemCall.run("connect", policy: .retry) { address.withSockaddr { Glibc.connect(fd, $0, $1) } }
            return
        } catch where error.errno == EINPROGRESS || error.errno == EALREADY {}
        guard try wait(fd, for: POLLOUT, until: deadline) else {
            throw DeviceIOError(.timedOut, "no connection within the deadline")
        }
        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        try SystemCall.run("getsockopt(SO_ERROR)", policy: .retry) { getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) }
        if failure != 0 {
            throw DeviceIOError(.systemCall, "connect failed", errno: failure, cause: SystemCall.errorText(failure))
        }
    }

    /// Waits (`PollWait`) for `events` until `deadline`: true when ready. A hang-up or error with
    /// nothing to read is reported by the following recv/send/SO_ERROR, so it counts as ready here.
    private func wait(_ fd: Int32, for events: Int32, until deadline: MonotonicInstant) throws(DeviceIOError) -> Bool {
        while true {
            let timeout = PollWait.remaining(until: deadline, now: clock.now())
            guard let revents = try PollWait.once(fd, events: events, timeoutNanoseconds: timeout) else { continue }
            if revents != 0 { return true }
            if timeout == 0 { return false }
        }
    }

    private func connectedDescriptor(_ operation: String) throws(DeviceIOError) -> Int32 {
        guard descriptor >= 0 else {
            throw DeviceIOError(.invalidArgument, "\(endpoint): \(operation) while not connected")
        }
        return descriptor
    }
}
