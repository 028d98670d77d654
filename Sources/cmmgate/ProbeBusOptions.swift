import DeviceIO
import FieldBus
import Wire

/// The bus options `probe` and `scan` share: a serial port (`--port` with its format and
/// direction) or a TCP endpoint (`--tcp` for Modbus TCP, `--rtu-over-tcp` for a serial
/// device server), the response timeout and the retries.
struct ProbeBusOptions {
    enum Transport {
        case serial(SerialPortSettings, DirectionSetting)
        case modbusTCP(TCPEndpoint)
        case rtuOverTCP(TCPEndpoint)
    }

    static let valueOptions: Set<String> = [
        "port", "baud", "parity", "stop", "data-bits", "direction", "tcp", "rtu-over-tcp", "timeout", "retries", "guard-us",
    ]

    static let usage = """
          --port PATH          serial port (or --tcp HOST:PORT, --rtu-over-tcp HOST:PORT)
          --baud N             1200…115200 (Modbus default 9600, DL/T 645 default 2400)
          --parity N|E|O       default E (8E1, the Modbus RTU and DL/T 645 default)
          --stop 1|2           default 1
          --data-bits 7|8      default 8
          --direction MODE     kernel[:BEFORE_MS:AFTER_MS] | gpio:CHIP:LINE | rts | none (default none)
          --guard-us N         hold a manual direction line N µs after the last character
          --discard-echo       flush our own echo before releasing a manual direction line
          --timeout MS         response timeout (default 1000)
          --retries N          attempts after a timeout or bad reply (default 0)

        """

    let transport: Transport
    let timeoutMilliseconds: Int
    let retries: Int
    let guardMicroseconds: Int
    let discardEcho: Bool

    static let flagOptions: Set<String> = ["discard-echo"]

    init(_ parsed: ArgumentList, defaultBaud: Int, allowTCP: Bool) throws(ArgumentList.UsageError) {
        timeoutMilliseconds = try Self.integer(parsed, "timeout", default: 1000, range: 1...600_000)
        retries = try Self.integer(parsed, "retries", default: 0, range: 0...100)
        guardMicroseconds = try Self.integer(parsed, "guard-us", default: 0, range: 0...1_000_000)
        discardEcho = parsed.flag("discard-echo")
        let endpoints = [parsed.value("port"), parsed.value("tcp"), parsed.value("rtu-over-tcp")].compactMap { $0 }
        guard endpoints.count == 1 else {
            throw ArgumentList.UsageError(description: allowTCP ? "give exactly one of --port, --tcp, --rtu-over-tcp" : "--port is required")
        }
        if let text = parsed.value("tcp") ?? parsed.value("rtu-over-tcp") {
            guard allowTCP else { throw ArgumentList.UsageError(description: "DL/T 645 needs --port") }
            do throws(DeviceIOError) {
                let endpoint = try TCPEndpoint(parsing: text)
                transport = parsed.value("tcp") != nil ? .modbusTCP(endpoint) : .rtuOverTCP(endpoint)
            } catch {
                throw ArgumentList.UsageError(description: error.message)
            }
            return
        }
        let path = parsed.value("port")!
        let baud = try Self.integer(parsed, "baud", default: defaultBaud, range: 1...10_000_000)
        let stop = try Self.integer(parsed, "stop", default: 1, range: 1...2)
        let data = try Self.integer(parsed, "data-bits", default: 8, range: 5...8)
        let parity: SerialCharacterFormat.Parity
        switch parsed.value("parity") ?? "E" {
        case "N", "n": parity = .none
        case "E", "e": parity = .even
        case "O", "o": parity = .odd
        case let other: throw ArgumentList.UsageError(description: "--parity '\(other)' is not N, E or O")
        }
        do throws(DeviceIOError) {
            transport = .serial(
                try SerialPortSettings(path: path, baud: baud, dataBits: data, parity: parity, stopBits: stop),
                try DirectionSetting(parsing: parsed.value("direction") ?? "none"))
        } catch {
            throw ArgumentList.UsageError(description: error.message)
        }
    }

    private static func integer(_ parsed: ArgumentList, _ name: String, default value: Int,
                                range: ClosedRange<Int>) throws(ArgumentList.UsageError) -> Int {
        guard let text = parsed.value(name) else { return value }
        guard let number = ProbeModbusRead.number(text), range.contains(number) else {
            throw ArgumentList.UsageError(description: "--\(name) '\(text)' is not a number in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    var busName: String {
        switch transport {
        case .serial(let settings, _): return settings.path
        case .modbusTCP(let endpoint), .rtuOverTCP(let endpoint): return endpoint.description
        }
    }

    /// Opens the serial port and its direction control and builds the runner.
    func serialRunner(_ settings: SerialPortSettings, _ direction: DirectionSetting) throws(ProbeFailure)
        -> BusPortOpener.SerialRunner {
        let master = SerialMasterSettings(busName: settings.path, responseTimeoutMilliseconds: timeoutMilliseconds,
                                          retries: retries, discardEcho: discardEcho)
        do throws(BusOpenFailure) {
            return try BusPortOpener.serialRunner(settings, direction: direction, master: master,
                                                  guardMicroseconds: guardMicroseconds)
        } catch {
            switch error {
            case .device(let failure): throw ProbeFailure.device(failure)
            case .bus(let failure): throw ProbeFailure.bus(failure)
            }
        }
    }

    /// The runner for a TCP transport (Modbus TCP or RTU over TCP).
    func streamRunner(_ endpoint: TCPEndpoint) -> BusPortOpener.StreamRunner {
        let settings = StreamMasterSettings(busName: endpoint.description, connectTimeoutMilliseconds: timeoutMilliseconds,
                                            responseTimeoutMilliseconds: timeoutMilliseconds, retries: retries)
        return BusPortOpener.streamRunner(endpoint, master: settings, seed: 1)
    }
}

/// Why a probe could not give a value: the device or port (could not open), or the bus
/// transaction (timeout, exception, bad reply).
enum ProbeFailure: Error {
    case device(DeviceIOError)
    case bus(FieldBusError)

    var text: String {
        switch self {
        case .device(let error): return error.description
        case .bus(let error): return ProbeOutput.failure(error)
        }
    }

    /// 1 when the device answered wrongly or not at all, 70 when the port could not be used.
    var exitStatus: Int32 {
        switch self {
        case .device: return ExitStatus.failure
        case .bus(let error):
            switch error.code {
            case .timeout, .exception, .badFrame, .busBusy: return ExitStatus.invalid
            default: return ExitStatus.failure
            }
        }
    }
}
