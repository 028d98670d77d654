import Glibc

/// `cmmgate-sim`: baud-paced Modbus RTU slaves and DL/T 645 meters on pseudo-terminals.
enum SimulatorCommand {
    static func main(_ arguments: [String]) -> Int32 {
        _ = write(2, "cmmgate-sim: not built yet\n", 27)
        return 70
    }
}
