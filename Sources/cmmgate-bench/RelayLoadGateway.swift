import Glibc

/// One simulated gateway of `cmmgate-bench relay-load`: a non-blocking TCP connection to the
/// relay, its pre-encoded frames, and the acknowledgement window. Frames go in order; at most
/// `window` await their 9014; each 9014 must carry the QN of the oldest frame awaiting one (the
/// relay answers in order), anything else counts as an error.
final class RelayLoadGateway {
    let fd: Int32
    private let frames: [[UInt8]]
    private let qns: [[UInt8]]
    private let window: Int
    /// Frames written so far, and acknowledged so far (the in-flight ones are between).
    private(set) var sent = 0
    private(set) var acknowledged = 0
    private(set) var errors: [String] = []
    /// Bytes not yet accepted by the socket.
    private var outbox: [UInt8] = []
    private var inbox: [UInt8] = []
    /// When each in-flight frame was handed to the socket (ns, monotonic), oldest first.
    private var sentAt: [UInt64] = []
    /// Round trips of acknowledged frames, ns.
    private(set) var roundTrips: [UInt64] = []

    var done: Bool { acknowledged == frames.count || !errors.isEmpty }
    var wantsWrite: Bool { !outbox.isEmpty }

    init(port: UInt16, frames: [[UInt8]], qns: [[UInt8]], window: Int) throws {
        self.frames = frames
        self.qns = qns
        self.window = window
        roundTrips.reserveCapacity(frames.count)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RuntimeBench.BenchError(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let text = String(cString: strerror(errno))
            close(fd)
            throw RuntimeBench.BenchError(description: "connect to 127.0.0.1:\(port): \(text)")
        }
        var one: Int32 = 1  // as the agent's TCPByteStream: each frame leaves at once
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { close(fd) }

    /// Queues frames up to the window and writes what the socket takes.
    func fill(now: UInt64) {
        while sent < frames.count, sent - acknowledged < window {
            outbox.append(contentsOf: frames[sent])
            sentAt.append(now)
            sent += 1
        }
        flush()
    }

    func flush() {
        while !outbox.isEmpty {
            let count = outbox.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { return }
                errors.append("write: \(String(cString: strerror(errno)))")
                return
            }
            outbox.removeFirst(count)
        }
    }

    /// Reads what arrived and matches each complete frame with the oldest frame in flight.
    func receive(now: UInt64) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                inbox.append(contentsOf: buffer[0..<count])
                continue
            }
            if count == 0 { errors.append("the relay closed the connection after \(acknowledged) acknowledgements") }
            if count < 0, errno != EAGAIN, errno != EINTR { errors.append("read: \(String(cString: strerror(errno)))") }
            break
        }
        var start = 0
        var index = 0
        while index + 1 < inbox.count {
            if inbox[index] == 0x0D, inbox[index + 1] == 0x0A {
                match(inbox[start..<index], now: now)
                start = index + 2
                index = start
            } else {
                index += 1
            }
        }
        inbox.removeFirst(start)
    }

    /// `##dddd` then the relay's header, `QN=` first: a 9014 must name the oldest frame in flight;
    /// other frames from the relay (none expected with set-time and history pulls off) are ignored.
    private func match(_ frame: ArraySlice<UInt8>, now: UInt64) {
        let text = Array(frame)
        guard Self.contains(text, Array(";CN=9014;".utf8)) else { return }
        guard acknowledged < sent, text.count >= 26, text[6..<9].elementsEqual("QN=".utf8),
              text[9..<26].elementsEqual(qns[acknowledged]) else {
            errors.append("a 9014 that does not answer the oldest frame in flight: \(String(decoding: text.prefix(60), as: UTF8.self))")
            return
        }
        roundTrips.append(now - sentAt.removeFirst())
        acknowledged += 1
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
