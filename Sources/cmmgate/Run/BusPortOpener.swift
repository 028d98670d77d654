import AgentCore
import DeviceIO
import FieldBus
import Wire

/// Why a bus's ports could not be set up: the device (open, termios, direction line, a
/// setting the port cannot take) or the runner (a turnaround the character format cannot give).
enum BusOpenFailure: Error, CustomStringConvertible {
    case device(DeviceIOError)
    case bus(FieldBusError)

    var description: String {
        switch self {
        case .device(let error): return error.description
        case .bus(let error): return error.description
        }
    }
}

/// Opens a bus's ports into the field-bus runners, for `probe`/`scan` (from the command line)
/// and the daemon's bus pollers (from `BusConfig`): one place that knows how a `SerialPort`,
/// its `SerialDirection` and the `SystemClock` make a `SerialBusRunner`, and a `TCPByteStream`
/// a `StreamBusRunner`.
enum BusPortOpener {
    typealias SerialRunner = SerialBusRunner<SerialPort, SerialDirection, SystemClock>
    typealias StreamRunner = StreamBusRunner<TCPByteStream, SystemClock>

    /// Opens the serial port and then its direction control. If the direction cannot be set
    /// up, the port is closed before the error is thrown (a retry may open it again).
    static func openSerial(_ settings: SerialPortSettings, direction: DirectionSetting) throws(DeviceIOError)
        -> (port: SerialPort, direction: SerialDirection) {
        let port = try SerialPort(settings)
        do throws(DeviceIOError) {
            return (port, try direction.open(for: port))
        } catch {
            port.close()
            throw error
        }
    }

    /// Opens the port and its direction control and builds the runner over them.
    static func serialRunner(_ settings: SerialPortSettings, direction: DirectionSetting, master: SerialMasterSettings,
                             guardMicroseconds: Int) throws(BusOpenFailure) -> SerialRunner {
        let opened: (port: SerialPort, direction: SerialDirection)
        do throws(DeviceIOError) {
            opened = try openSerial(settings, direction: direction)
        } catch {
            throw .device(error)
        }
        do throws(FieldBusError) {
            return try SerialRunner(link: opened.port, direction: opened.direction, clock: SystemClock(), settings: master,
                                    guardMicroseconds: guardMicroseconds)
        } catch {
            opened.port.close()
            throw .bus(error)
        }
    }

    /// The runner for a TCP endpoint; it connects on its first transaction and reconnects by
    /// itself with `master.backoff`. `seed` feeds the back-off jitter.
    static func streamRunner(_ endpoint: TCPEndpoint, master: StreamMasterSettings, seed: UInt64) -> StreamRunner {
        StreamRunner(stream: TCPByteStream(endpoint), clock: SystemClock(), settings: master, seed: seed)
    }

    // MARK: From the site configuration

    /// The port settings of a configured serial bus; `pathOverride` replaces the configured
    /// device path (tests and the simulator pass a pty).
    static func portSettings(_ serial: BusConfig.Serial, pathOverride: String?) throws(DeviceIOError) -> SerialPortSettings {
        let parity: SerialCharacterFormat.Parity
        switch serial.parity {
        case .none: parity = .none
        case .even: parity = .even
        case .odd: parity = .odd
        }
        return try SerialPortSettings(path: pathOverride ?? serial.port, baud: serial.baud, dataBits: serial.dataBits,
                                      parity: parity, stopBits: serial.stopBits)
    }

    /// The serial master's settings of a configured bus (named after the bus in messages).
    static func serialMaster(_ config: BusConfig) -> SerialMasterSettings {
        SerialMasterSettings(busName: config.name, responseTimeoutMilliseconds: config.responseTimeoutMilliseconds,
                             retries: config.retries)
    }

    /// The stream master's settings of a configured bus: the connect timeout is the response
    /// timeout, as for `probe --tcp`, so a dead endpoint holds the poller no longer than a
    /// silent device does.
    static func streamMaster(_ config: BusConfig, backoff: BackoffPolicy) -> StreamMasterSettings {
        StreamMasterSettings(busName: config.name, connectTimeoutMilliseconds: config.responseTimeoutMilliseconds,
                             responseTimeoutMilliseconds: config.responseTimeoutMilliseconds, retries: config.retries,
                             backoff: backoff)
    }

    /// The endpoint `host`:`port` of a configured TCP bus; throws `.invalidArgument` for a port
    /// outside 1…65535 (the configuration check rejects those first).
    static func endpoint(host: String, port: Int) throws(DeviceIOError) -> TCPEndpoint {
        guard let number = UInt16(exactly: port), number > 0 else {
            throw DeviceIOError(.invalidArgument, "TCP port \(port) of \(host) is outside 1…65535")
        }
        return TCPEndpoint(host: host, port: number)
    }
}
