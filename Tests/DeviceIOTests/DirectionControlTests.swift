@testable import DeviceIO
import FieldBus
import Glibc
import Testing

/// Direction controls where this host can exercise them: a pty has no RS-485 mode and no
/// modem lines, and there is no GPIO chip, so each must refuse with a message that names the
/// port or chip and the driver's answer; `none` is automatic; the text forms parse.
@Suite struct DirectionControlTests {
    @Test func textFormsParseAndPrintBack() throws {
        for text in ["kernel", "kernel:1:2", "rts", "none", "gpio:gpiochip0:17", "gpio:/dev/gpiochip1:3"] {
            #expect(try DirectionSetting(parsing: text).description == text)
        }
        #expect(try DirectionSetting(parsing: "gpio:gpiochip2:5") == .gpio(chip: "gpiochip2", line: 5))
        #expect(try DirectionSetting(parsing: "kernel:0:3") == .kernel(delayBeforeSendMilliseconds: 0, delayAfterSendMilliseconds: 3))
        for bad in ["", "gpio", "gpio:chip", "gpio::3", "gpio:chip:x", "gpio:chip:1:2", "RTS", "kernel:1", "kernel:a:b"] {
            #expect(throws: DeviceIOError.self, "\(bad)") { try DirectionSetting(parsing: bad) }
        }
    }

    @Test func kernelModeIsRefusedOnAPtyNamingThePortAndTheDriversAnswer() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(SerialPortSettings(path: pty.devicePath, baud: 9600, parity: .none))
        do {
            _ = try DirectionSetting.kernel(delayBeforeSendMilliseconds: 0, delayAfterSendMilliseconds: 0).open(for: port)
            Issue.record("kernel RS-485 accepted on a pty")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.errno == ENOTTY)
            #expect(error.message.contains(pty.devicePath))
            #expect(error.message.contains("TIOCSRS485"))
            #expect(error.message.contains(SystemCall.errorText(ENOTTY)))
        }
    }

    @Test func rtsModeIsRefusedOnAPtyWithoutModemLines() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(SerialPortSettings(path: pty.devicePath, baud: 9600, parity: .none))
        do {
            _ = try DirectionSetting.rts.open(for: port)
            Issue.record("RTS direction accepted on a pty")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.message.contains(pty.devicePath))
        }
    }

    @Test func aMissingGPIOChipIsALibraryErrorNamingChipAndLine() {
        do {
            _ = try GPIODirection(chip: "/dev/gpiochip-cmmgate-missing", line: 4)
            Issue.record("a missing GPIO chip was opened")
        } catch {
            #expect(error.code == .library)
            #expect(error.message.contains("/dev/gpiochip-cmmgate-missing line 4"))
            #expect(error.errno != nil && error.errno != 0)
        }
    }

    @Test func noDirectionIsAutomaticAndDoesNothing() throws {
        let pty = PseudoTerminal()
        let port = try SerialPort(SerialPortSettings(path: pty.devicePath, baud: 9600, parity: .none))
        var direction = try DirectionSetting.none.open(for: port)
        #expect(direction.isAutomatic)
        try direction.assertTransmit()
        try direction.releaseTransmit()
    }
}
