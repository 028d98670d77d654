import Glibc

/// One accepted gateway connection: its socket, its session, the bytes waiting to be written and
/// when it was last heard from. Owned by the server's poll loop (one thread).
final class RelayConnection {
    /// Bytes allowed to wait for a peer that does not read; beyond, the connection is closed.
    static let outboxLimit = 1 << 20

    let fd: Int32
    let peer: String
    var session: RelaySession
    private(set) var outbox: [UInt8] = []
    /// CLOCK_MONOTONIC ms of the last bytes received.
    var lastActivity: Int64
    /// Why the connection is to be closed, once it is.
    var closing: String?

    init(fd: Int32, peer: String, session: RelaySession, now: Int64) {
        self.fd = fd
        self.peer = peer
        self.session = session
        lastActivity = now
    }

    deinit { close(fd) }

    var wantsWrite: Bool { !outbox.isEmpty }

    /// Queues `bytes`; closes the connection when the peer has stopped reading.
    func queue(_ bytes: [UInt8]) {
        guard closing == nil else { return }
        outbox.append(contentsOf: bytes)
        if outbox.count > Self.outboxLimit { closing = "the peer does not read its replies (over \(Self.outboxLimit) bytes queued)" }
    }

    /// Reads what is available (at most `limit` bytes); an empty result with `closing` set means
    /// the peer closed or the read failed.
    func readAvailable(limit: Int = 1 << 16) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: limit)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 { return Array(chunk[0..<count]) }
        if count == 0 {
            closing = "closed by the peer"
        } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            closing = "read failed: " + String(cString: strerror(errno))
        }
        return []
    }

    /// Writes as much of the outbox as the socket takes now.
    func flush() {
        while !outbox.isEmpty {
            let written = outbox.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written > 0 {
                outbox.removeFirst(written)
                continue
            }
            if written < 0, errno == EINTR { continue }
            if written < 0, errno != EAGAIN, errno != EWOULDBLOCK {
                closing = "write failed: " + String(cString: strerror(errno))
                outbox.removeAll()
            }
            return
        }
    }
}
