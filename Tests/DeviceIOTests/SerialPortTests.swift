@testable import DeviceIO
import FieldBus
import Glibc
import Synchronization
import Testing
import Wire

/// The termios serial port on pseudo-terminals: settings read back with tcgetattr, reads
/// against monotonic deadlines, EINTR handling and vanished devices through the syscall tracer.
@Suite struct SerialPortTests {
    let clock = SystemClock()

    private func settings(_ path: String, _ baud: Int = 9600, _ data: Int = 8,
                          _ parity: SerialCharacterFormat.Parity = .even, _ stop: Int = 1) throws(DeviceIOError) -> SerialPortSettings {
        try SerialPortSettings(path: path, baud: baud, dataBits: data, parity: parity, stopBits: stop)
    }

    @Test func unsupportedFormatsAreRefusedBeforeOpeningNamingThePath() {
        for (baud, data, stop) in [(300, 8, 1), (14_400, 8, 1), (9600, 6, 1), (9600, 8, 3)] {
            do throws(DeviceIOError) {
                _ = try SerialPortSettings(path: "/dev/does-not-exist", baud: baud, dataBits: data, parity: .none, stopBits: stop)
                Issue.record("\(baud) \(data) \(stop) accepted")
            } catch {
                #expect(error.code == .invalidArgument)
                #expect(error.message.hasPrefix("/dev/does-not-exist"))
            }
        }
    }

    @Test(arguments: [
        (1200, 8, SerialCharacterFormat.Parity.none, 1), (2400, 8, .even, 1), (9600, 8, .odd, 2),
        (19200, 7, .even, 1), (38400, 7, .none, 2), (115_200, 8, .none, 1),
    ])
    func termiosSettingsReadBackAsConfigured(_ baud: Int, _ data: Int, _ parity: SerialCharacterFormat.Parity, _ stop: Int) throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(settings(pty.devicePath, baud, data, parity, stop))
        // A pty keeps the speed and stop bits; Linux forces CS8 and no parity on it (a UART
        // keeps all four, and the port refuses to open when it does not).
        let readBack = try #require(try port.currentFormat())
        #expect(readBack.baud == baud)
        #expect(readBack.stopBits == stop)
        #expect(port.characterFormat == (try SerialCharacterFormat(baud: baud, dataBits: data, parity: parity, stopBits: stop)))
        var attributes = termios()
        #expect(tcgetattr(port.fileDescriptor, &attributes) == 0)
        #expect(attributes.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
        #expect(attributes.c_oflag & tcflag_t(OPOST) == 0)
        #expect(attributes.c_iflag & tcflag_t(IXON | ICRNL) == 0)
        #expect(attributes.c_cflag & tcflag_t(CLOCAL) != 0)
        #expect(attributes.c_cflag & tcflag_t(CREAD) != 0)
        let flags = fcntl(port.fileDescriptor, F_GETFL)
        #expect(flags & O_NONBLOCK != 0)
        #expect(fcntl(port.fileDescriptor, F_GETFD) & FD_CLOEXEC != 0)
    }

    @Test func openingSomethingThatIsNotATerminalSaysSo() {
        do throws(DeviceIOError) {
            _ = try SerialPort(settings("/dev/null"))
            Issue.record("/dev/null opened as a serial port")
        } catch {
            #expect(error.message.contains("/dev/null"))
            #expect(error.message.contains("not a terminal"))
        }
        do throws(DeviceIOError) {
            _ = try SerialPort(settings("/dev/ttyCMMGATE-missing"))
            Issue.record("a missing device opened")
        } catch {
            #expect(error.errno == ENOENT)
            #expect(error.message.contains("/dev/ttyCMMGATE-missing"))
        }
    }

    @Test func writesReachTheFarEndAndReadsReturnWhatArrives() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(settings(pty.devicePath))
        try port.write([0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD])
        try port.drain()
        #expect(pty.receive() == [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD])
        pty.send([0x0D, 0x0A, 0x11])  // raw mode: no CR/LF translation
        let got = try port.read(until: clock.now().adding(microseconds: 2_000_000))
        #expect(got == [0x0D, 0x0A, 0x11])
    }

    @Test func aReadWithNothingToReadReturnsEmptyAtItsDeadlineNotBefore() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(settings(pty.devicePath))
        let deadline = clock.now().adding(microseconds: 30_000)
        #expect(try port.read(until: deadline) == [])
        #expect(clock.now() >= deadline)
        // A deadline in the past polls once and returns at once.
        #expect(try port.read(until: .zero) == [])
    }

    @Test func discardInputDropsWhatWasReceived() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(settings(pty.devicePath))
        pty.send([0xAA, 0xBB])
        _ = pty.receive(milliseconds: 20)  // let the bytes cross the pty
        try port.discardInput()
        #expect(try port.read(until: clock.now().adding(microseconds: 20_000)) == [])
        pty.send([0xCC])
        #expect(try port.read(until: clock.now().adding(microseconds: 2_000_000)) == [0xCC])
    }

    @Test func interruptedReadsAreRetriedAndInterruptedPollsRecomputed() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(settings(pty.devicePath))
        pty.send([0x42])
        let calls = Mutex<[String]>([])
        let tracer = SystemCallTracer { name in
            calls.withLock { calls -> Int32? in
                let text = "\(name)"
                let firstOfItsName = !calls.contains(text)
                calls.append(text)
                return firstOfItsName ? EINTR : nil
            }
        }
        let got = try SystemCallTracer.withTracer(tracer) {
            try port.read(until: clock.now().adding(microseconds: 2_000_000))
        }
        #expect(got == [0x42])
        #expect(calls.withLock { $0 } == ["ppoll", "ppoll", "read", "read"])
    }

    @Test func anEIOFromReadIsAVanishedPortNamingThePath() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(settings(pty.devicePath))
        pty.send([0x01])
        let tracer = SystemCallTracer { name in "\(name)" == "read" ? EIO : nil }
        do {
            _ = try SystemCallTracer.withTracer(tracer) {
                try port.read(until: clock.now().adding(microseconds: 2_000_000))
            }
            Issue.record("read succeeded despite EIO")
        } catch let error as DeviceIOError {
            #expect(error.code == .portVanished)
            #expect(error.portVanished)
            #expect(error.errno == EIO)
            #expect(error.message.contains(pty.devicePath))
        }
    }

    @Test func aHungUpPtyIsAVanishedPortAndReopenFailsUntilItIsBack() throws {
        var pty: PseudoTerminal? = PseudoTerminal()
        let path = pty!.devicePath
        let port = try SerialPort(settings(path))
        pty = nil  // closes the controller: the device side hangs up
        do throws(DeviceIOError) {
            _ = try port.read(until: clock.now().adding(microseconds: 2_000_000))
            Issue.record("read on a hung-up pty succeeded")
        } catch {
            #expect(error.code == .portVanished)
        }
        port.close()
        #expect(!port.isOpen)
        #expect(throws: DeviceIOError.self) { try port.reopen() }
    }

    @Test func writeFailuresNameThePortAndTheCall() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(settings(pty.devicePath))
        let tracer = SystemCallTracer { name in "\(name)" == "write" ? ENXIO : nil }
        do {
            try SystemCallTracer.withTracer(tracer) { try port.write([1, 2, 3]) }
            Issue.record("write succeeded despite ENXIO")
        } catch let error as DeviceIOError {
            #expect(error.code == .portVanished)
            #expect(error.message.contains(pty.devicePath))
            #expect(error.message.contains("write"))
        }
    }

    @Test func aFullOutputQueueIsWaitedOutAndTheWriteCompletes() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(settings(pty.devicePath))
        let calls = Mutex<[String]>([])
        let tracer = SystemCallTracer { name in
            calls.withLock { calls -> Int32? in
                calls.append("\(name)")
                return calls.count == 1 ? EAGAIN : nil  // the first write finds the queue full
            }
        }
        try SystemCallTracer.withTracer(tracer) { try port.write([0x10, 0x20, 0x30]) }
        #expect(calls.withLock { $0 } == ["write", "ppoll", "write"])
        #expect(pty.receive() == [0x10, 0x20, 0x30])
    }
}
