import Glibc
import Wire

/// What a serial port is opened with: the device path and the character format, validated
/// against what the termios layer and the field buses use (before anything is opened).
///
/// Baud 1200, 2400, 4800, 9600, 19200, 38400, 57600 or 115200; 7 or 8 data bits; parity
/// none, even or odd; 1 or 2 stop bits.
public struct SerialPortSettings: Sendable, Equatable {
    public let path: String
    public let format: SerialCharacterFormat

    /// The baud rates the port accepts, with their termios speed_t constants (termios.h B*).
    static let speeds: [(baud: Int, speed: speed_t)] = [
        (1200, speed_t(B1200)), (2400, speed_t(B2400)), (4800, speed_t(B4800)),
        (9600, speed_t(B9600)), (19200, speed_t(B19200)), (38400, speed_t(B38400)),
        (57600, speed_t(B57600)), (115_200, speed_t(B115200)),
    ]

    public static var supportedBauds: [Int] { speeds.map(\.baud) }

    /// Throws `.invalidArgument` naming the path and the value when the format is not one
    /// the port supports.
    public init(path: String, format: SerialCharacterFormat) throws(DeviceIOError) {
        guard !path.isEmpty else { throw DeviceIOError(.invalidArgument, "serial port path is empty") }
        guard Self.speed(forBaud: format.baud) != nil else {
            let list = Self.supportedBauds.map(String.init).joined(separator: ", ")
            throw DeviceIOError(.invalidArgument, "\(path): baud \(format.baud) is not one of \(list)")
        }
        guard format.dataBits == 7 || format.dataBits == 8 else {
            throw DeviceIOError(.invalidArgument, "\(path): \(format.dataBits) data bits (7 or 8 supported)")
        }
        self.path = path
        self.format = format
    }

    /// Convenience: builds and validates the format too.
    public init(path: String, baud: Int, dataBits: Int = 8, parity: SerialCharacterFormat.Parity,
                stopBits: Int = 1) throws(DeviceIOError) {
        let format: SerialCharacterFormat
        do {
            format = try SerialCharacterFormat(baud: baud, dataBits: dataBits, parity: parity, stopBits: stopBits)
        } catch {
            throw DeviceIOError(.invalidArgument, "\(path): \(error.message)")
        }
        try self.init(path: path, format: format)
    }

    static func speed(forBaud baud: Int) -> speed_t? {
        speeds.first { $0.baud == baud }?.speed
    }

    static func baud(forSpeed speed: speed_t) -> Int? {
        speeds.first { $0.speed == speed }?.baud
    }

    /// `settings` made raw (cfmakeraw(3)) and then set explicitly: receiver on, modem control
    /// lines ignored, no hardware or software flow control, no parity checking or marking in
    /// the driver (the frame CRC or checksum catches corrupted bytes), reads never block in the
    /// driver (VMIN 0, VTIME 0: the deadline is poll's), the character format and speed.
    func apply(to settings: inout termios) {
        cfmakeraw(&settings)
        let inputOff: [Int32] = [INPCK, IGNPAR, PARMRK, ISTRIP, IXON, IXOFF, IXANY]
        let localOff: [Int32] = [ECHO, ECHONL, ICANON, ISIG, IEXTEN]
        let controlOff: [Int32] = [CSIZE, PARENB, PARODD, CSTOPB, HUPCL]
        for flag in inputOff { settings.c_iflag &= ~tcflag_t(flag) }
        for flag in localOff { settings.c_lflag &= ~tcflag_t(flag) }
        for flag in controlOff { settings.c_cflag &= ~tcflag_t(flag) }
        settings.c_cflag &= ~tcflag_t(CRTSCTS)
        settings.c_oflag &= ~tcflag_t(OPOST)
        settings.c_cflag |= tcflag_t(CREAD) | tcflag_t(CLOCAL)
        settings.c_cflag |= tcflag_t(format.dataBits == 7 ? CS7 : CS8)
        switch format.parity {
        case .none: break
        case .even: settings.c_cflag |= tcflag_t(PARENB)
        case .odd: settings.c_cflag |= tcflag_t(PARENB | PARODD)
        }
        if format.stopBits == 2 { settings.c_cflag |= tcflag_t(CSTOPB) }
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        let speed = Self.speed(forBaud: format.baud)!
        cfsetispeed(&settings, speed)
        cfsetospeed(&settings, speed)
    }

    /// The character format `settings` describe, for reading back what the driver accepted;
    /// nil when its speed is not one of ours.
    static func format(of settings: termios) -> SerialCharacterFormat? {
        var copy = settings
        guard let baud = baud(forSpeed: cfgetospeed(&copy)) else { return nil }
        let size = settings.c_cflag & tcflag_t(CSIZE)
        let dataBits = size == tcflag_t(CS7) ? 7 : size == tcflag_t(CS8) ? 8 : 0
        let parity: SerialCharacterFormat.Parity =
            settings.c_cflag & tcflag_t(PARENB) == 0 ? .none
            : settings.c_cflag & tcflag_t(PARODD) == 0 ? .even : .odd
        let stopBits = settings.c_cflag & tcflag_t(CSTOPB) == 0 ? 1 : 2
        return try? SerialCharacterFormat(baud: baud, dataBits: dataBits, parity: parity, stopBits: stopBits)
    }
}
