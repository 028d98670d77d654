import DeviceIO
import FieldBus
import Wire

/// `cmmgate scan modbus|dlt645`: which slaves or meters answer on a bus.
enum ScanCommand: Subcommand {
    static let name = "scan"
    static let summary = "find the Modbus slaves or DL/T 645 meters answering on a bus"
    static let usage = """
        usage: cmmgate scan modbus (--port PATH | --tcp HOST:PORT | --rtu-over-tcp HOST:PORT)
                   [--baud N] [--parity N|E|O] [--stop 1|2] [--direction MODE]
                   [--slaves FIRST-LAST] [--read holding|input|coil|discrete:ADDRESS:COUNT]
               cmmgate scan dlt645 --port PATH [--baud N] [--address 12DIGITS,...]

        Modbus: sends the read (default holding:0:1) to each slave id (default 1-247) and
        prints one line per slave that answers: "ID ok" or "ID exception CODE (NAME)" (a
        slave that refuses the read is still there). DL/T 645: asks for the address with the
        wildcard (read address, 0x13: one meter on the bus) or, with --address A,B,... ,
        reads energy 00010000 from each; prints the address of each meter that answers.
        Uses --timeout 200 unless given.

        \(ProbeBusOptions.usage)
        Exit status: 0 when something answered, 1 when nothing did, 64 on a usage error,
        70 when the port could not be used.

        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let protocolName = arguments.first else { return usageError("say modbus or dlt645") }
        var rest = Array(arguments.dropFirst())
        if !rest.contains(where: { $0 == "--timeout" || $0.hasPrefix("--timeout=") }) { rest += ["--timeout", "200"] }
        switch protocolName {
        case "modbus": return scanModbus(rest)
        case "dlt645": return scanDLT645(rest)
        default: return usageError("unknown protocol '\(protocolName)' (modbus or dlt645)")
        }
    }

    static func usageError(_ message: String) -> Int32 {
        StandardStreams.writeError("cmmgate scan: \(message)\n\n" + usage)
        return ExitStatus.usage
    }

    private static func scanModbus(_ arguments: [String]) -> Int32 {
        let options: ProbeBusOptions, read: ProbeModbusRead, slaves: ClosedRange<Int>
        do throws(ArgumentList.UsageError) {
            let parsed = try ArgumentList(arguments, valueOptions: ProbeBusOptions.valueOptions.union(["slaves", "read"]),
                                           flagOptions: ProbeBusOptions.flagOptions)
            guard parsed.positionals.isEmpty else { throw .init(description: "unexpected argument '\(parsed.positionals[0])'") }
            options = try ProbeBusOptions(parsed, defaultBaud: 9600, allowTCP: true)
            read = try ProbeModbusRead(read: parsed.value("read") ?? "holding:0:1", as: nil, scale: nil)
            slaves = try range(parsed.value("slaves") ?? "1-247")
        } catch {
            return usageError(error.description)
        }
        var found = 0
        do throws(ProbeFailure) {
            var reader = try ProbeModbusReader(options)
            for slave in slaves {
                do throws(ProbeFailure) {
                    _ = try reader.read(slave: UInt8(slave), read.request)
                    StandardStreams.writeOut("\(slave) ok\n")
                    found += 1
                } catch {
                    guard case .bus(let bus) = error else { throw error }
                    if let exception = bus.modbusException {
                        StandardStreams.writeOut("\(slave) exception \(exception.exception.rawValue) (\(exception.exception.name))\n")
                        found += 1
                    } else if bus.code == .portVanished || bus.code == .portFailure {
                        throw error
                    }
                }
            }
        } catch {
            StandardStreams.writeError("cmmgate scan: \(error.text)\n")
            return error.exitStatus == ExitStatus.invalid ? ExitStatus.failure : error.exitStatus
        }
        if found == 0 { StandardStreams.writeError("cmmgate scan: no slave answered in \(slaves.lowerBound)-\(slaves.upperBound)\n") }
        return found > 0 ? ExitStatus.success : ExitStatus.invalid
    }

    private static func scanDLT645(_ arguments: [String]) -> Int32 {
        let options: ProbeBusOptions
        var addresses: [DLT645Address] = []
        do throws(ArgumentList.UsageError) {
            let parsed = try ArgumentList(arguments, valueOptions: ProbeBusOptions.valueOptions.union(["address"]),
                                           flagOptions: ProbeBusOptions.flagOptions)
            guard parsed.positionals.isEmpty else { throw .init(description: "unexpected argument '\(parsed.positionals[0])'") }
            options = try ProbeBusOptions(parsed, defaultBaud: 2400, allowTCP: false)
            for text in [parsed.value("address")].compactMap({ $0 }) {
                for part in text.split(separator: ",") { addresses.append(try ProbeCommand.dlt645Address(String(part))) }
            }
        } catch {
            return usageError(error.description)
        }
        guard case .serial(let settings, let direction) = options.transport else { return usageError("DL/T 645 needs --port") }
        var found = 0
        do throws(ProbeFailure) {
            var runner = try options.serialRunner(settings, direction)
            if addresses.isEmpty {
                do throws(FieldBusError) {
                    StandardStreams.writeOut("\(try runner.readDLT645Address())\n")
                    found += 1
                } catch {
                    StandardStreams.writeError("cmmgate scan: \(ProbeOutput.failure(error))\n")
                }
            }
            for address in addresses {
                do throws(FieldBusError) {
                    _ = try runner.readDLT645(.forwardActiveEnergyTotal, from: address)
                    StandardStreams.writeOut("\(address)\n")
                    found += 1
                } catch where error.code == .exception {
                    StandardStreams.writeOut("\(address) abnormal reply\n")
                    found += 1
                } catch where error.code == .portVanished || error.code == .portFailure {
                    throw ProbeFailure.bus(error)
                } catch {}
            }
        } catch {
            StandardStreams.writeError("cmmgate scan: \(error.text)\n")
            return ExitStatus.failure
        }
        return found > 0 ? ExitStatus.success : ExitStatus.invalid
    }

    /// "FIRST-LAST" or a single id, within 1…247 (TCP unit ids 0…255 are allowed too).
    static func range(_ text: String) throws(ArgumentList.UsageError) -> ClosedRange<Int> {
        let parts = text.split(separator: "-").map(String.init)
        guard (1...2).contains(parts.count), let first = ProbeModbusRead.number(parts[0]),
              let last = ProbeModbusRead.number(parts.last!), 0 <= first, first <= last, last <= 255 else {
            throw .init(description: "--slaves '\(text)' is not FIRST-LAST within 0…255")
        }
        return first...last
    }
}
