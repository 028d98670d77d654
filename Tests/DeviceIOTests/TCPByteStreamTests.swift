@testable import DeviceIO
import FieldBus
import Glibc
import Testing

/// TCPByteStream against a listening socket on 127.0.0.1 made by the test.
@Suite struct TCPByteStreamTests {
    let clock = SystemClock()

    /// A listening socket on 127.0.0.1 with a kernel-chosen port.
    private func listener() -> (fd: Int32, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                precondition(bind(fd, pointer, length) == 0)
                precondition(getsockname(fd, pointer, &length) == 0)
            }
        }
        precondition(listen(fd, 1) == 0)
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    @Test func endpointsParseAndRefuseBadText() throws {
        #expect(try TCPEndpoint(parsing: "127.0.0.1:502") == TCPEndpoint(host: "127.0.0.1", port: 502))
        #expect(try TCPEndpoint(parsing: "[::1]:1502") == TCPEndpoint(host: "::1", port: 1502))
        #expect(try TCPEndpoint(parsing: "[::1]:1502").description == "[::1]:1502")
        for bad in ["localhost", ":502", "host:", "host:0", "host:70000", "host:x"] {
            #expect(throws: DeviceIOError.self, "\(bad)") { try TCPEndpoint(parsing: bad) }
        }
    }

    @Test func bytesTravelBothWaysAndAPeerCloseIsAnError() throws {
        let (server, port) = listener()
        defer { close(server) }
        let stream = TCPByteStream(TCPEndpoint(host: "127.0.0.1", port: port))
        try stream.connect(until: clock.now().adding(microseconds: 2_000_000))
        #expect(stream.isConnected)
        let peer = accept(server, nil, nil)
        #expect(peer >= 0)
        try stream.write([0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01])
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { recv(peer, $0.baseAddress, $0.count, 0) }
        #expect(Array(buffer[0..<max(0, count)]) == [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01])
        _ = [UInt8]([9, 8, 7]).withUnsafeBytes { send(peer, $0.baseAddress, $0.count, 0) }
        #expect(try stream.read(until: clock.now().adding(microseconds: 2_000_000)) == [9, 8, 7])
        let deadline = clock.now().adding(microseconds: 20_000)
        #expect(try stream.read(until: deadline) == [])
        #expect(clock.now() >= deadline)
        close(peer)
        #expect(throws: DeviceIOError.self) { try stream.read(until: clock.now().adding(microseconds: 2_000_000)) }
        #expect(!stream.isConnected)
    }

    @Test func aRefusedConnectionNamesTheEndpointAndTheCause() throws {
        let (server, port) = listener()
        close(server)  // nothing listens there any more
        let stream = TCPByteStream(TCPEndpoint(host: "127.0.0.1", port: port))
        do {
            try stream.connect(until: clock.now().adding(microseconds: 2_000_000))
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.errno == ECONNREFUSED)
            #expect(error.message.contains("127.0.0.1:\(port)"))
        }
        #expect(!stream.isConnected)
    }
}
