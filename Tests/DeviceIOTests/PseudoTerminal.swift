import Glibc

/// A pseudo-terminal pair for serial-port tests: the test holds the controller side and
/// plays the far end; the code under test opens `devicePath`.
final class PseudoTerminal {
    let controller: Int32
    private var device: Int32
    let devicePath: String

    init() {
        var controller: Int32 = -1
        var device: Int32 = -1
        var name = [CChar](repeating: 0, count: 128)
        precondition(openpty(&controller, &device, &name, nil, nil) == 0, "openpty failed: errno \(errno)")
        self.controller = controller
        self.device = device
        self.devicePath = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // Keep the device side open so the pty does not hang up before the port opens it,
        // but in raw mode so the line discipline does not echo or translate.
        var settings = termios()
        tcgetattr(controller, &settings)
        cfmakeraw(&settings)
        tcsetattr(controller, TCSANOW, &settings)
    }

    deinit {
        if device >= 0 { close(device) }
        close(controller)
    }

    /// Closes the test's own descriptor of the device side (after the port has opened it).
    func closeDeviceSide() {
        if device >= 0 { close(device) }
        device = -1
    }

    /// Writes `bytes` as the far end.
    func send(_ bytes: [UInt8]) {
        let written = bytes.withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
        precondition(written == bytes.count)
    }

    /// Reads what the port sent, waiting up to `milliseconds` for the first bytes.
    func receive(milliseconds: Int32 = 2000) -> [UInt8] {
        var entry = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, milliseconds) == 1 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
        return count > 0 ? Array(buffer[0..<count]) : []
    }
}
