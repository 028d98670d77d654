import Glibc
import Wire

/// `cmmgate-sim`: baud-paced Modbus RTU slaves and DL/T 645 meters on pseudo-terminals.
///
///     cmmgate-sim [--example-site] [--config FILE] [--verbose] [LINE ...]
///
/// Each LINE is one configuration directive (see `SimConfig`), applied after the example site's
/// (`ExampleSite`) and the file's, in the order given. Prints
/// one line per bus, `modbus-rtu /dev/pts/N` or `dlt645 /dev/pts/N`, then `ready`, and serves
/// until it is terminated (SIGTERM/SIGINT) or its standard input reaches end of file.
enum SimulatorCommand {
    static let usage = """
        usage: cmmgate-sim [--example-site] [--config FILE] [--verbose] [LINE ...]
        Simulated Modbus RTU slaves and DL/T 645 meters on pseudo-terminals, paced at the baud rate.
          --example-site  serve Board/example-site.conf's meters first: modbus-rtu 9600 8N1 with
                          slave 1 (oxidizer inlet: flow, CH4, temperature, pressure in holding
                          0-7 float32, running in coil 0), slave 2 (pump outlet: flow and CH4 in
                          holding 0-3 float32, flow above the inlet's) and slave 3 (heat meter:
                          GJ x 1000 in holding 10-11 uint32:CDAB, growing); dlt645 2400 8N1
                          with meter 123456789012 (00010000 kWh, growing)
          --config FILE   directives from FILE, then the LINE arguments
          --verbose       log each request on stderr
        Directives (one per line in FILE, or one per LINE argument):
          seed N
          modbus-rtu [baud=9600] [parity=N|E|O] [stop=1|2] [data=7|8] [turnaround-ms=N]
          slave ID            add slave ID to the last modbus-rtu bus, or select it if it is there
          holding|input ADDRESS TYPE[:ABCD|CDAB|BADC|DCBA] SOURCE
          coil|discrete ADDRESS on|off
          dlt645 [baud=2400] [parity=E] ...
          meter 12DIGITS      add the meter to the last dlt645 bus, or select it if it is there
          di XXXXXXXX SOURCE
          fault noreply|crc|noise|noise-before|exception=CODE|slow=MS|wrong-slave [TRIGGER]
          override holding|input ADDRESS SOURCE between=FROM,UNTIL
          override coil|discrete ADDRESS on|off between=FROM,UNTIL
          override di XXXXXXXX SOURCE between=FROM,UNTIL
        Points, faults and overrides apply to the selected (last named) slave or meter.
        SOURCE: value=X | ramp=START,STEP | noise=MEAN,AMPLITUDE | counter=START,PER_SECOND
        TRIGGER: at=N | every=N (requests counted from 1) | probability=P |
                 between=FROM,UNTIL (seconds after ready; FROM included, UNTIL not)
        Faults for the end-to-end tests, after --example-site:
          inlet flow above the pump's:  slave 1  'override holding 0 value=1600 between=T,U'
          a value over its range:       slave 1  'override holding 2 value=9.5 between=T,U'
          a meter silent from T to U:   slave 2  'fault noreply between=T,U'

        """

    static func main(_ arguments: [String]) -> Int32 {
        var config = SimConfig()
        var verbose = false
        do throws(SimConfig.ConfigError) {
            var index = 1
            var lines: [(String, String)] = []
            var exampleSite = false
            while index < arguments.count {
                let argument = arguments[index]
                index += 1
                switch argument {
                case "--help", "-h": StandardOutput.write(usage); return 0
                case "--verbose": verbose = true
                case "--example-site": exampleSite = true
                case "--config":
                    guard index < arguments.count else { throw .init(description: "--config needs a file") }
                    lines += try readConfig(arguments[index])
                    index += 1
                default: lines.append((argument, "argument \(index - 1)"))
                }
            }
            if exampleSite {
                lines = ExampleSite.directives.enumerated().map { ($1, "--example-site line \($0 + 1)") } + lines
            }
            for (line, place) in lines { try config.apply(line: line, where: place) }
            guard !config.buses.isEmpty else { throw .init(description: "no bus configured (modbus-rtu … or dlt645 …)") }
        } catch {
            StandardOutput.error("cmmgate-sim: \(error)\n\n" + usage)
            return 64
        }
        do {
            let buses = try config.buses.map { spec throws(SimulatorError) in try SimulatedBus(spec) }
            for bus in buses {
                StandardOutput.write("\(bus.spec.kind.rawValue) \(bus.devicePath)\n")
                if verbose { bus.log = { StandardOutput.error("cmmgate-sim \(bus.devicePath): \($0)\n") } }
            }
            StandardOutput.write("ready\n")
            var loop = SimulatorLoop(buses: buses, seed: config.seed)
            try loop.run()
            return 0
        } catch {
            StandardOutput.error("cmmgate-sim: \(error)\n")
            return 70
        }
    }

    private static func readConfig(_ path: String) throws(SimConfig.ConfigError) -> [(String, String)] {
        guard let file = fopen(path, "r") else {
            throw .init(description: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var lines: [(String, String)] = []
        var buffer = [CChar](repeating: 0, count: 4096)
        var number = 0
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            number += 1
            var line = String(cString: buffer)
            while line.last == "\n" || line.last == "\r" { line.removeLast() }
            lines.append((line, "\(path):\(number)"))
        }
        return lines
    }
}

/// Standard output and error without Foundation (stdout is flushed by each write: tests read
/// the pty paths while the simulator keeps running).
enum StandardOutput {
    static func write(_ text: String) { put(1, text) }
    static func error(_ text: String) { put(2, text) }

    private static func put(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
