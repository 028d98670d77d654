@testable import DeviceIO
import Glibc
import Testing
import Wire

/// The termios flags the port sets for each character format, checked on the struct itself:
/// a pty cannot hold data bits or parity (Linux forces CS8, no PARENB), so this is where 7E1,
/// 8O2 and friends are proven; the read-back on a real UART compares all four.
@Suite struct SerialPortSettingsTests {
    private func configured(_ baud: Int, _ data: Int, _ parity: SerialCharacterFormat.Parity, _ stop: Int) throws -> termios {
        let settings = try SerialPortSettings(path: "/dev/ttyS9", baud: baud, dataBits: data, parity: parity, stopBits: stop)
        var attributes = termios()
        // Start from a cooked terminal's flags, so every one the port must clear is set.
        attributes.c_iflag = tcflag_t(ICRNL | IXON | INPCK | ISTRIP | PARMRK)
        attributes.c_oflag = tcflag_t(OPOST | ONLCR)
        attributes.c_lflag = tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        attributes.c_cflag = tcflag_t(CS8 | PARENB | PARODD | CSTOPB | HUPCL) | tcflag_t(CRTSCTS)
        settings.apply(to: &attributes)
        return attributes
    }

    @Test(arguments: [
        (9600, 7, SerialCharacterFormat.Parity.even, 1), (2400, 8, .even, 1), (19200, 8, .odd, 2),
        (1200, 7, .none, 2), (115_200, 8, .none, 1), (4800, 8, .odd, 1),
    ])
    func everyFormatIsWrittenIntoTermiosAndReadsBack(_ baud: Int, _ data: Int, _ parity: SerialCharacterFormat.Parity, _ stop: Int) throws {
        let attributes = try configured(baud, data, parity, stop)
        let format = try #require(SerialPortSettings.format(of: attributes))
        #expect(format == (try SerialCharacterFormat(baud: baud, dataBits: data, parity: parity, stopBits: stop)))
        #expect(attributes.c_cflag & tcflag_t(CSIZE) == tcflag_t(data == 7 ? CS7 : CS8))
        #expect((attributes.c_cflag & tcflag_t(PARENB) != 0) == (parity != .none))
        #expect((attributes.c_cflag & tcflag_t(PARODD) != 0) == (parity == .odd))
        #expect((attributes.c_cflag & tcflag_t(CSTOPB) != 0) == (stop == 2))
    }

    @Test func rawModeClearsTranslationEchoSignalsAndFlowControl() throws {
        let attributes = try configured(9600, 8, .even, 1)
        #expect(attributes.c_iflag & tcflag_t(ICRNL | IXON | INPCK | ISTRIP | PARMRK) == 0)
        #expect(attributes.c_oflag & tcflag_t(OPOST) == 0)
        #expect(attributes.c_lflag & tcflag_t(ICANON | ECHO | ISIG | IEXTEN) == 0)
        #expect(attributes.c_cflag & tcflag_t(CRTSCTS) == 0)
        #expect(attributes.c_cflag & tcflag_t(HUPCL) == 0)
        #expect(attributes.c_cflag & tcflag_t(CREAD | CLOCAL) == tcflag_t(CREAD | CLOCAL))
        var copy = attributes
        let cc = withUnsafeBytes(of: &copy.c_cc) { Array($0) }
        #expect(cc[Int(VMIN)] == 0)
        #expect(cc[Int(VTIME)] == 0)  // the deadline is poll's, never VTIME's 100 ms ticks
    }

    @Test func theSupportedBaudsAreTheFieldBusOnes() {
        #expect(SerialPortSettings.supportedBauds == [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115_200])
    }
}
