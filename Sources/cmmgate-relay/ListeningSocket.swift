import Glibc

/// The relay's listening TCP socket: non-blocking, close-on-exec, SO_REUSEADDR, bound to a
/// numeric address (IPv4 or IPv6 literal) and port (0: any free port, reported by `port`).
final class ListeningSocket {
    let fd: Int32
    let host: String
    /// The port actually bound.
    let port: Int

    init(host: String, port: Int, backlog: Int32 = 128) throws(RelayError) {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let info = list else {
            throw RelayError(.network, "cannot use listen address \(host):\(port)", cause: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        let socketType = info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        let fd = socket(info.pointee.ai_family, socketType, info.pointee.ai_protocol)
        guard fd >= 0 else { throw Self.failure("socket", host, port) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let error = Self.failure("bind", host, port)
            close(fd)
            throw error
        }
        guard listen(fd, backlog) == 0 else {
            let error = Self.failure("listen", host, port)
            close(fd)
            throw error
        }
        self.fd = fd
        self.host = host
        self.port = Self.boundPort(fd) ?? port
    }

    deinit { close(fd) }

    /// Accepts one pending connection: its descriptor (non-blocking, close-on-exec) and the peer's
    /// `address:port`; nil when none is pending.
    func accept() -> (fd: Int32, peer: String)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(fd, $0, &length) }
        }
        guard client >= 0 else { return nil }
        _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        return (client, Self.describe(&storage))
    }

    /// `address:port` of a socket address (`[v6]:port` for IPv6).
    static func describe(_ storage: inout sockaddr_storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var raw = address.pointee.sin_addr
                    inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                    return Self.string(text) + ":" + String(UInt16(bigEndian: address.pointee.sin_port))
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                    return "[" + Self.string(text) + "]:" + String(UInt16(bigEndian: address.pointee.sin6_port))
                }
            }
        default:
            return "unknown peer"
        }
    }

    /// The text of a NUL-terminated C character buffer.
    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { return nil }
        let text = describe(&storage)
        return text.lastIndex(of: ":").flatMap { Int(text[text.index(after: $0)...]) }
    }

    private static func failure(_ call: String, _ host: String, _ port: Int) -> RelayError {
        RelayError(.network, "\(call) for \(host):\(port) failed", cause: String(cString: strerror(errno)))
    }
}
