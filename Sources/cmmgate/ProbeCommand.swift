import DeviceIO
import FieldBus
import Wire

/// `cmmgate probe modbus|dlt645`: one read from one device, for commissioning a site.
enum ProbeCommand: Subcommand {
    static let name = "probe"
    static let summary = "read one Modbus or DL/T 645 value from a device"
    static let usage = """
        usage: cmmgate probe modbus (--port PATH | --tcp HOST:PORT | --rtu-over-tcp HOST:PORT)
                   [--baud N] [--parity N|E|O] [--stop 1|2] [--direction MODE] --slave ID
                   --read holding|input|coil|discrete:ADDRESS:COUNT [--as TYPE[:ORDER]] [--scale K]
               cmmgate probe dlt645 --port PATH [--baud N] --address 12DIGITS|wildcard --di XXXXXXXX

        Prints one value per line (Modbus: COUNT registers or bits, or COUNT / size values of
        --as TYPE; DL/T 645: the decoded value with its unit). Addresses and counts accept
        decimal or 0x hex. TYPE: int16 uint16 int32 uint32 int64 uint64 float32 float64 bcd16
        bcd32 bit0…bit15; ORDER: ABCD (default) CDAB BADC DCBA.

        \(ProbeBusOptions.usage)
        Exit status: 0 with the values printed; 1 when the device did not answer, answered
        with an exception or with a bad reply (what happened is printed); 64 on a usage
        error; 70 when the port could not be opened.

        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let protocolName = arguments.first else { return usageError("say modbus or dlt645") }
        let rest = Array(arguments.dropFirst())
        switch protocolName {
        case "modbus": return runModbus(rest)
        case "dlt645": return runDLT645(rest)
        default: return usageError("unknown protocol '\(protocolName)' (modbus or dlt645)")
        }
    }

    static func usageError(_ message: String) -> Int32 {
        StandardStreams.writeError("cmmgate probe: \(message)\n\n" + usage)
        return ExitStatus.usage
    }

    static func fail(_ failure: ProbeFailure) -> Int32 {
        StandardStreams.writeError("cmmgate probe: \(failure.text)\n")
        return failure.exitStatus
    }

    private static func runModbus(_ arguments: [String]) -> Int32 {
        let options: ProbeBusOptions, read: ProbeModbusRead, slave: UInt8
        do throws(ArgumentList.UsageError) {
            let parsed = try ArgumentList(arguments, valueOptions: ProbeBusOptions.valueOptions.union(["slave", "read", "as", "scale"]),
                                           flagOptions: ProbeBusOptions.flagOptions)
            guard parsed.positionals.isEmpty else { throw .init(description: "unexpected argument '\(parsed.positionals[0])'") }
            options = try ProbeBusOptions(parsed, defaultBaud: 9600, allowTCP: true)
            guard let text = parsed.value("slave"), let id = ProbeModbusRead.number(text), (0...255).contains(id) else {
                throw .init(description: "--slave ID (1…247; a TCP unit id 0…255) is required")
            }
            slave = UInt8(id)
            guard let readText = parsed.value("read") else { throw .init(description: "--read is required") }
            read = try ProbeModbusRead(read: readText, as: parsed.value("as"), scale: parsed.value("scale"))
        } catch {
            return usageError(error.description)
        }
        do throws(ProbeFailure) {
            var reader = try ProbeModbusReader(options)
            let reply = try reader.read(slave: slave, read.request)
            StandardStreams.writeOut(read.lines(reply).map { $0 + "\n" }.joined())
            return ExitStatus.success
        } catch {
            return fail(error)
        }
    }

    private static func runDLT645(_ arguments: [String]) -> Int32 {
        let options: ProbeBusOptions, address: DLT645Address, identifier: DLT645DataIdentifier
        do throws(ArgumentList.UsageError) {
            let parsed = try ArgumentList(arguments, valueOptions: ProbeBusOptions.valueOptions.union(["address", "di"]),
                                           flagOptions: ProbeBusOptions.flagOptions)
            guard parsed.positionals.isEmpty else { throw .init(description: "unexpected argument '\(parsed.positionals[0])'") }
            options = try ProbeBusOptions(parsed, defaultBaud: 2400, allowTCP: false)
            address = try dlt645Address(parsed.value("address"))
            guard let text = parsed.value("di"), text.utf8.count == 8, let raw = UInt32(text, radix: 16) else {
                throw .init(description: "--di XXXXXXXX (8 hex digits, DI3 first, e.g. 00010000) is required")
            }
            identifier = DLT645DataIdentifier(raw)
        } catch {
            return usageError(error.description)
        }
        guard case .serial(let settings, let direction) = options.transport else { return usageError("DL/T 645 needs --port") }
        do throws(ProbeFailure) {
            var runner = try options.serialRunner(settings, direction)
            let answer: Acquired<DLT645Answer>
            do throws(FieldBusError) {
                answer = try runner.readDLT645(identifier, from: address)
            } catch {
                throw ProbeFailure.bus(error)
            }
            guard case .data(_, let value, let from, _) = answer.value else {
                throw ProbeFailure.bus(FieldBusError(.badFrame, "\(settings.path): the meter answered DI \(identifier) with an address"))
            }
            StandardStreams.writeOut("\(value)\n")
            if address.isWildcard { StandardStreams.writeError("cmmgate probe: answered by meter \(from)\n") }
            return ExitStatus.success
        } catch {
            return fail(error)
        }
    }

    static func dlt645Address(_ text: String?) throws(ArgumentList.UsageError) -> DLT645Address {
        guard let text else { throw .init(description: "--address 12DIGITS|wildcard is required") }
        if text == "wildcard" { return .wildcard }
        do throws(WireError) {
            return try DLT645Address(text)
        } catch {
            throw .init(description: "--address '\(text)': \(error.message)")
        }
    }
}
