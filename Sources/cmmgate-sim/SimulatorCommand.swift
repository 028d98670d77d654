import Glibc
import Wire

/// `cmmgate-sim`: baud-paced Modbus RTU slaves and DL/T 645 meters on pseudo-terminals.
///
///     cmmgate-sim [--config FILE] [--verbose] [LINE ...]
///
/// Each LINE is one configuration directive (see `SimConfig`), applied after the file. Prints
/// one line per bus, `modbus-rtu /dev/pts/N` or `dlt645 /dev/pts/N`, then `ready`, and serves
/// until it is terminated (SIGTERM/SIGINT) or its standard input reaches end of file.
enum SimulatorCommand {
    static let usage = """
        usage: cmmgate-sim [--config FILE] [--verbose] [LINE ...]
        Simulated Modbus RTU slaves and DL/T 645 meters on pseudo-terminals, paced at the baud rate.
        Directives (one per line in FILE, or one per LINE argument):
          seed N
          modbus-rtu [baud=9600] [parity=N|E|O] [stop=1|2] [data=7|8] [turnaround-ms=N]
          slave ID
          holding|input ADDRESS TYPE[:ABCD|CDAB|BADC|DCBA] SOURCE
          coil|discrete ADDRESS on|off
          dlt645 [baud=2400] [parity=E] ...
          meter 12DIGITS
          di XXXXXXXX SOURCE
          fault noreply|crc|noise|noise-before|exception=CODE|slow=MS|wrong-slave [at=N|every=N|probability=P]
        SOURCE: value=X | ramp=START,STEP | noise=MEAN,AMPLITUDE | counter=START,PER_SECOND

        """

    static func main(_ arguments: [String]) -> Int32 {
        var config = SimConfig()
        var verbose = false
        do throws(SimConfig.ConfigError) {
            var index = 1
            var lines: [(String, String)] = []
            while index < arguments.count {
                let argument = arguments[index]
                index += 1
                switch argument {
                case "--help", "-h": StandardOutput.write(usage); return 0
                case "--verbose": verbose = true
                case "--config":
                    guard index < arguments.count else { throw .init(description: "--config needs a file") }
                    lines += try readConfig(arguments[index])
                    index += 1
                default: lines.append((argument, "argument \(index - 1)"))
                }
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
