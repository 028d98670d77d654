import Wire

/// The simulator's configuration: buses (one pty each), devices on them, their points and
/// faults. Read from a file and/or command-line arguments, one directive per line:
///
///     seed 42
///     modbus-rtu baud=9600 parity=E stop=1 [data=8] [turnaround-ms=N]   # a bus (a pty)
///     slave 1                                          # a Modbus slave on the last modbus-rtu bus
///     holding 0 uint16 value=1234                      # holding|input ADDRESS TYPE[:ORDER] SOURCE
///     input 10 float32:CDAB ramp=20,0.5
///     coil 0 on                                        # coil|discrete ADDRESS on|off
///     dlt645 baud=2400 parity=E                        # a DL/T 645 bus
///     meter 123456789012                               # a meter on the last dlt645 bus
///     di 00010000 counter=1234.56,0.01                 # a data identifier and its source
///     fault KIND [TRIGGER]                             # on the selected device (see FaultRule)
///     override holding 0 value=1600 between=20,80      # a point's value for a while (ValueOverride)
///
/// Points, faults and overrides go to the selected device: the last `slave` or `meter` line.
/// `slave ID` (or `meter ADDRESS`) naming a device its bus already has selects it again, so
/// lines after `--example-site` can add faults to its devices.
///
/// Sources: `value=X`, `ramp=START,STEP` (per read), `noise=MEAN,AMPLITUDE` (uniform, seeded),
/// `counter=START,PER_SECOND` (an energy register that only grows).
struct SimConfig {
    var seed: UInt64 = 1
    var buses: [BusSpec] = []
    /// The device that points, faults and overrides go to.
    private var selected: Device?

    enum Device {
        case slave(bus: Int, index: Int)
        case meter(bus: Int, index: Int)
    }

    struct ConfigError: Error, CustomStringConvertible {
        var description: String
    }

    enum BusProtocol: String { case modbusRTU = "modbus-rtu", dlt645 }

    struct BusSpec {
        var kind: BusProtocol
        var format: SerialCharacterFormat
        /// Silence before a reply starts; nil = t3.5 of the bus.
        var turnaroundMicroseconds: Int?
        var slaves: [ModbusSlave] = []
        var meters: [DLT645Meter] = []
    }

    mutating func apply(line rawLine: String, where place: String) throws(ConfigError) {
        var text = Substring(rawLine)
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let directive = words.first else { return }
        let rest = Array(words.dropFirst())
        func fail(_ message: String) -> ConfigError { ConfigError(description: "\(place): \(message) in '\(rawLine)'") }
        switch directive {
        case "seed":
            guard rest.count == 1, let seed = UInt64(rest[0]) else { throw fail("seed needs one unsigned number") }
            self.seed = seed
        case "modbus-rtu", "dlt645":
            let kind = BusProtocol(rawValue: directive)!
            buses.append(try Self.bus(kind, rest, fail))
            selected = nil
        case "slave": try selectSlave(rest, fail)
        case "meter": try selectMeter(rest, fail)
        case "holding", "input", "coil", "discrete":
            guard case .slave(let bus, let slave)? = selected else { throw fail("\(directive) needs a slave before it") }
            try buses[bus].slaves[slave].add(directive, rest, fail)
        case "di":
            guard case .meter(let bus, let meter)? = selected else { throw fail("di needs a meter before it") }
            guard rest.count == 2, let raw = UInt32(rest[0], radix: 16), rest[0].count == 8 else {
                throw fail("di needs 8 hex digits and a source")
            }
            let identifier = DLT645DataIdentifier(raw)
            guard let entry = identifier.catalogEntry, case .decimal = entry.format else {
                throw fail("di \(rest[0]) is not a numeric identifier in the DL/T 645 catalogue")
            }
            buses[bus].meters[meter].points.append(.init(identifier: identifier, source: try ValueSource(parsing: rest[1], fail)))
        case "fault":
            let fault = try FaultRule(parsing: rest, fail)
            switch selected {
            case .slave(let bus, let slave)?: buses[bus].slaves[slave].faults.append(fault)
            case .meter(let bus, let meter)?: buses[bus].meters[meter].faults.append(fault)
            case nil: throw fail("fault needs a slave or meter before it")
            }
        case "override":
            switch selected {
            case .slave(let bus, let slave)?: try buses[bus].slaves[slave].addOverride(rest, fail)
            case .meter(let bus, let meter)?: try buses[bus].meters[meter].addOverride(rest, fail)
            case nil: throw fail("override needs a slave or meter before it")
            }
        default:
            throw fail("unknown directive '\(directive)'")
        }
    }

    /// `slave ID`: selects slave ID of the last modbus-rtu bus, adding it when the bus has none.
    private mutating func selectSlave(_ rest: [String], _ fail: (String) -> ConfigError) throws(ConfigError) {
        guard let bus = buses.lastIndex(where: { $0.kind == .modbusRTU }) else { throw fail("slave needs a modbus-rtu bus before it") }
        guard rest.count == 1, let id = UInt8(rest[0]), (1...247).contains(id) else { throw fail("slave id must be 1…247") }
        if let index = buses[bus].slaves.firstIndex(where: { $0.id == id }) {
            selected = .slave(bus: bus, index: index)
        } else {
            buses[bus].slaves.append(ModbusSlave(id: id))
            selected = .slave(bus: bus, index: buses[bus].slaves.count - 1)
        }
    }

    /// `meter ADDRESS`: selects that meter of the last dlt645 bus, adding it when the bus has none.
    private mutating func selectMeter(_ rest: [String], _ fail: (String) -> ConfigError) throws(ConfigError) {
        guard let bus = buses.lastIndex(where: { $0.kind == .dlt645 }) else { throw fail("meter needs a dlt645 bus before it") }
        guard rest.count == 1, let address = try? DLT645Address(rest[0]) else { throw fail("meter needs a 12-digit address") }
        if let index = buses[bus].meters.firstIndex(where: { $0.address == address }) {
            selected = .meter(bus: bus, index: index)
        } else {
            buses[bus].meters.append(DLT645Meter(address: address))
            selected = .meter(bus: bus, index: buses[bus].meters.count - 1)
        }
    }

    private static func bus(_ kind: BusProtocol, _ options: [String], _ fail: (String) -> ConfigError) throws(ConfigError) -> BusSpec {
        var baud = kind == .dlt645 ? 2400 : 9600
        var parity: SerialCharacterFormat.Parity = .even
        var stop = 1, data = 8
        var turnaround: Int? = nil
        for option in options {
            let (key, value) = keyValue(option)
            switch (key, value) {
            case ("baud", let v?): guard let n = Int(v) else { throw fail("bad baud") }; baud = n
            case ("parity", "N"?): parity = .none
            case ("parity", "E"?): parity = .even
            case ("parity", "O"?): parity = .odd
            case ("stop", let v?): guard let n = Int(v) else { throw fail("bad stop bits") }; stop = n
            case ("data", let v?): guard let n = Int(v) else { throw fail("bad data bits") }; data = n
            case ("turnaround-ms", let v?): guard let n = Int(v), n >= 0 else { throw fail("bad turnaround") }; turnaround = n * 1000
            default: throw fail("unknown bus option '\(option)'")
            }
        }
        do {
            let format = try SerialCharacterFormat(baud: baud, dataBits: data, parity: parity, stopBits: stop)
            return BusSpec(kind: kind, format: format, turnaroundMicroseconds: turnaround)
        } catch {
            throw fail(error.message)
        }
    }

    static func keyValue(_ text: String) -> (String, String?) {
        guard let equals = text.firstIndex(of: "=") else { return (text, nil) }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}
