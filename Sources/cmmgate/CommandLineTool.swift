import DeviceIO

/// Entry point of the multi-call binary (busybox style): the verb is argv[1], or the
/// suffix of argv[0] when the binary is invoked through a link named `cmmgate-<verb>`.
enum CommandLineTool {
    static let subcommands: [any Subcommand.Type] = [
        CheckConfigCommand.self,
        DecodeCommand.self,
        InfoCommand.self,
        JournalCommand.self,
        ProbeCommand.self,
        RunCommand.self,
        ScanCommand.self,
        VersionCommand.self,
    ]

    static func main(_ arguments: [String]) -> Never {
        StandardStreams.exitProcess(dispatch(arguments))
    }

    static func dispatch(_ arguments: [String]) -> Int32 {
        let invokedAs = baseName(arguments.first ?? "cmmgate")
        var rest = Array(arguments.dropFirst())
        var verb: String
        if invokedAs.hasPrefix("cmmgate-") {
            verb = String(invokedAs.dropFirst("cmmgate-".count))
        } else if let first = rest.first {
            verb = first
            rest.removeFirst()
        } else {
            StandardStreams.writeError(overview())
            return ExitStatus.usage
        }
        if verb == "--version" { verb = VersionCommand.name }
        if verb == "help" || verb == "--help" || verb == "-h" {
            return help(rest.first)
        }
        guard let command = subcommands.first(where: { $0.name == verb }) else {
            StandardStreams.writeError("cmmgate: unknown command '\(verb)'\n\n" + overview())
            return ExitStatus.usage
        }
        return command.run(rest)
    }

    static func help(_ verb: String?) -> Int32 {
        guard let verb else {
            StandardStreams.writeOut(overview())
            return ExitStatus.success
        }
        guard let command = subcommands.first(where: { $0.name == verb }) else {
            StandardStreams.writeError("cmmgate: no help for unknown command '\(verb)'\n")
            return ExitStatus.usage
        }
        StandardStreams.writeOut(command.usage)
        return ExitStatus.success
    }

    static func overview() -> String {
        var text = "usage: cmmgate <command> [arguments]\n\ncommands:\n"
        let width = (subcommands.map { $0.name.count }.max() ?? 0) + 2
        for command in subcommands {
            text += "  " + command.name.padded(to: width) + command.summary + "\n"
        }
        text += "  " + "help".padded(to: width) + "help [COMMAND]: this text, or a command's usage\n"
        return text
    }

    private static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

extension String {
    /// The string followed by spaces up to `width` characters (at least one space).
    func padded(to width: Int) -> String {
        let count = self.count
        return self + String(repeating: " ", count: max(1, width - count))
    }
}
