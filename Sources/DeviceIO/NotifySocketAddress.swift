import Glibc

/// An AF_UNIX datagram address in `$NOTIFY_SOCKET`'s notation, as the `sockaddr_un` that
/// sendto(2) and bind(2) take (unix(7)):
/// - `/path`: `sun_path` holds the path and its NUL; the length covers both;
/// - `@name`: an abstract address: `sun_path` starts with a NUL followed by the name, and the
///   length covers exactly those bytes (abstract names are not NUL-terminated: a trailing NUL
///   would be part of the name).
public struct NotifySocketAddress: Sendable, Equatable {
    /// The address as written (`/path` or `@name`).
    public let text: String
    /// The bytes of `sun_path` that belong to the address.
    let pathBytes: [UInt8]

    /// Capacity of `sockaddr_un.sun_path` (108 on Linux).
    static let pathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    /// - Throws: `.unsupported` when `text` is neither an absolute path nor `@name`,
    ///   `.invalidArgument` when it does not fit `sun_path`.
    public init(_ text: String) throws(DeviceIOError) {
        var bytes = Array(text.utf8)
        switch bytes.first {
        case UInt8(ascii: "/"):
            bytes.append(0)
        case UInt8(ascii: "@") where bytes.count > 1:
            bytes[0] = 0
        default:
            throw DeviceIOError(.unsupported, "notify socket '\(text)' is neither a path nor @name")
        }
        guard !text.utf8.contains(0) else {
            throw DeviceIOError(.invalidArgument, "notify socket address contains a NUL byte")
        }
        guard bytes.count <= Self.pathCapacity else {
            throw DeviceIOError(.invalidArgument, "notify socket '\(text)' does not fit sockaddr_un (\(Self.pathCapacity) bytes)")
        }
        self.text = text
        self.pathBytes = bytes
    }

    /// Calls `body` with the `sockaddr` and its length.
    func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(DeviceIOError) -> Result) throws(DeviceIOError) -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            for (index, byte) in pathBytes.enumerated() { path[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        return try withUnsafePointer(to: &address) { pointer throws(DeviceIOError) -> Result in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw throws(DeviceIOError) -> Result in
                try body(raw, length)
            }
        }
    }
}
