@testable import DeviceIO
import FieldBus
import Glibc
import Testing
import Wire

/// Two SerialPorts on the two ends of a socat pty pair: bytes cross both ways with the
/// configured settings, and when socat goes away (the adapter is unplugged) the port reports
/// `.portVanished` and cannot be reopened until the device is back.
@Suite struct SerialPortSocatTests {
    let clock = SystemClock()

    private func readAll(_ port: SerialPort, count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let deadline = clock.now().adding(microseconds: 3_000_000)
        while bytes.count < count, clock.now() < deadline {
            bytes += try port.read(until: deadline)
        }
        return bytes
    }

    @Test func bytesCrossBothWaysBetweenTwoPorts() throws {
        let pair = try #require(SocatPair(), "socat is needed for this test")
        let a = try SerialPort(SerialPortSettings(path: pair.first, baud: 19200, parity: .none, stopBits: 2))
        let b = try SerialPort(SerialPortSettings(path: pair.second, baud: 19200, parity: .none, stopBits: 2))
        let request = try RTURequestFrame(slave: 7, request: ModbusReadRequest(function: .readHoldingRegisters,
                                                                               startAddress: 0x10, quantity: 2)).encode()
        try a.write(request)
        try a.drain()
        #expect(try readAll(b, count: request.count) == request)
        let reply = Array(0...255).map { UInt8($0) }  // every byte value, raw: nothing translated
        try b.write(reply)
        try b.drain()
        #expect(try readAll(a, count: reply.count) == reply)
        #expect(try a.currentFormat()?.stopBits == 2)
    }

    @Test func aVanishedDeviceIsReportedAndReopenFailsUntilItIsBack() throws {
        let pair = try #require(SocatPair(), "socat is needed for this test")
        let port = try SerialPort(SerialPortSettings(path: pair.first, baud: 9600, parity: .none))
        pair.stop()
        do {
            _ = try port.read(until: clock.now().adding(microseconds: 3_000_000))
            Issue.record("read succeeded after the device went away")
        } catch {
            #expect(error.code == .portVanished)
            #expect(error.message.contains(pair.first))
        }
        do {
            try port.reopen()
            Issue.record("reopened a device that is gone")
        } catch {
            #expect(error.errno == ENOENT)
            #expect(!port.isOpen)
        }
    }
}
