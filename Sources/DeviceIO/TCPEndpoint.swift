import Glibc

/// A TCP endpoint, `HOST:PORT` or `[IPv6]:PORT`, resolved with getaddrinfo(3) when connecting.
public struct TCPEndpoint: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (`[::1]:502` for IPv6); throws `.invalidArgument` naming the text.
    public init(parsing text: String) throws(DeviceIOError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw DeviceIOError(.invalidArgument, "'\(text)' is not HOST:PORT")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = UInt16(text[text.index(after: colon)...]), port > 0 else {
            throw DeviceIOError(.invalidArgument, "'\(text)' is not HOST:PORT with a port 1…65535")
        }
        self.init(host: host, port: port)
    }

    public var description: String {
        host.firstIndex(of: ":") == nil ? "\(host):\(port)" : "[\(host)]:\(port)"
    }

    /// A resolved socket address (the first getaddrinfo(3) answer).
    struct Resolved {
        var storage = sockaddr_storage()
        var length: socklen_t = 0
        var family: Int32 = 0

        func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
            withUnsafeBytes(of: storage) { raw in
                body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
            }
        }
    }

    /// getaddrinfo(3) for a stream socket; its own error codes are reported with gai_strerror.
    func resolve() throws(DeviceIOError) -> Resolved {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>? = nil
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let text = status == 0 ? "no address" : String(cString: gai_strerror(status))
            throw DeviceIOError(.library, "cannot resolve \(self)", cause: "getaddrinfo: \(text)")
        }
        defer { freeaddrinfo(list) }
        var resolved = Resolved()
        resolved.family = first.pointee.ai_family
        resolved.length = first.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &resolved.storage) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(first.pointee.ai_addrlen)))
        }
        return resolved
    }
}
