import DeviceIO
import Glibc
import Wire

/// A Modbus TCP server on 127.0.0.1 (kernel-chosen port) answering each read of holding or
/// input registers with register value = address, one connection at a time, on a thread of its
/// own. Bound at once but listening only after `listen()`: until then connecting is refused.
final class TCPSlave {
    let port: Int
    private let socketFD: Int32
    private let control = Mailbox<Int>()
    private var thread: PollerThread?

    init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                precondition(bind(fd, pointer, length) == 0, "bind failed: errno \(errno)")
                precondition(getsockname(fd, pointer, &length) == 0)
            }
        }
        socketFD = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        control.requestStop()
        try? thread?.join()
        close(socketFD)
    }

    /// Starts listening and answering.
    func listen() throws {
        precondition(Glibc.listen(socketFD, 1) == 0)
        let fd = socketFD, control = control
        thread = try PollerThread(name: "test-tcp-slave") { Self.serve(fd, control) }
    }

    private static func serve(_ listener: Int32, _ control: Mailbox<Int>) {
        while !control.stopRequested {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 20) == 1 else { continue }
            let peer = accept(listener, nil, nil)
            guard peer >= 0 else { continue }
            answer(peer, control)
            close(peer)
        }
    }

    /// Answers requests on `peer` until it closes or the stop is requested.
    private static func answer(_ peer: Int32, _ control: Mailbox<Int>) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while !control.stopRequested {
            var entry = pollfd(fd: peer, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 20) == 1 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(peer, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            pending += buffer[0..<count]
            while pending.count >= 12 {
                let request = Array(pending.prefix(12))
                pending.removeFirst(12)
                guard let function = ModbusFunction(rawValue: request[7]), !function.readsBits else { continue }
                let start = UInt16(request[8]) << 8 | UInt16(request[9])
                let quantity = UInt16(request[10]) << 8 | UInt16(request[11])
                let pdu = ModbusReply.normal(.registers(function, (0..<quantity).map { start &+ $0 })).pduBytes
                let id = UInt16(request[0]) << 8 | UInt16(request[1])
                let reply = ModbusTCPFrame(transactionID: id, unitID: request[6], pdu: pdu).bytes
                _ = reply.withUnsafeBytes { send(peer, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }
}
