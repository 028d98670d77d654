import DeviceIO
import FieldBus
import Wire

/// One Modbus read on whichever transport the options chose, so `probe` and `scan` share
/// one code path: RTU on a serial port, Modbus TCP, or RTU over TCP.
enum ProbeModbusReader {
    case serial(SerialBusRunner<SerialPort, SerialDirection, SystemClock>)
    case tcp(StreamBusRunner<TCPByteStream, SystemClock>)
    case rtuOverTCP(StreamBusRunner<TCPByteStream, SystemClock>)

    init(_ options: ProbeBusOptions) throws(ProbeFailure) {
        switch options.transport {
        case .serial(let settings, let direction): self = .serial(try options.serialRunner(settings, direction))
        case .modbusTCP(let endpoint): self = .tcp(options.streamRunner(endpoint))
        case .rtuOverTCP(let endpoint): self = .rtuOverTCP(options.streamRunner(endpoint))
        }
    }

    /// Reads `request` from slave (or unit) `slave`.
    mutating func read(slave: UInt8, _ request: ModbusReadRequest) throws(ProbeFailure) -> ModbusReadReply {
        do throws(FieldBusError) {
            switch self {
            case .serial(var runner):
                defer { self = .serial(runner) }
                return try runner.readModbus(slave: slave, request).value
            case .tcp(var runner):
                defer { self = .tcp(runner) }
                return try runner.readModbusTCP(unit: slave, request).value
            case .rtuOverTCP(var runner):
                defer { self = .rtuOverTCP(runner) }
                return try runner.readRTUOverTCP(slave: slave, request).value
            }
        } catch {
            throw ProbeFailure.bus(error)
        }
    }
}
