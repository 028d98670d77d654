import DeviceIO

/// The front end: `serve`, `report`, `export`, `help`. Errors are printed as one line and exit
/// with the error's sysexits status.
enum RelayCommand {
    static func main(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            StandardStreams.writeError(RelayUsage.text)
            return 64
        }
        let rest = Array(arguments.dropFirst())
        do throws(RelayError) {
            switch command {
            case "serve": return try ServeCommand.run(rest)
            case "report": return try ReportCommand.run(rest)
            case "export": return try ExportCommand.run(rest)
            case "help", "--help", "-h":
                StandardStreams.writeOut(RelayUsage.text)
                return 0
            default:
                throw RelayError(.usage, "unknown command '\(command)'")
            }
        } catch {
            StandardStreams.writeError("cmmgate-relay: \(error)\n")
            if error.code == .usage { StandardStreams.writeError(RelayUsage.text) }
            return error.exitStatus
        }
    }
}

