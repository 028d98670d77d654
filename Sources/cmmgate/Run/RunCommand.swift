import AgentCore
import DeviceIO
import FieldBus

/// `cmmgate run`: the daemon. Reads and validates the site configuration before anything is
/// opened (a bad one exits 78, EX_CONFIG, which cmmgate.service does not restart), opens the
/// journal, resumes from it, starts one poller thread per bus and runs the main loop until
/// SIGTERM or SIGINT (SIGHUP reloads the configuration if the new one validates).
enum RunCommand: Subcommand {
    static let name = "run"
    static let summary = "run the gateway daemon (poll meters, journal records, keep the watchdog)"
    static let usage = """
        usage: cmmgate run [--config FILE] [--port BUS=PATH]... [--journal PATH] [--seconds N]

        Runs the gateway: polls every configured meter, makes a real-time record every
        second with each monitoring parameter's value and HJ 212 flag, closes minute, hour
        and day statistics and methane accounting, journals events and alarms, and kicks the
        configured watchdog only while every loop makes progress. Everything is written to
        the journal before anything else. Logs go to the configured destination.

          --config FILE     the site configuration (default /etc/cmmgate/cmmgate.conf)
          --port BUS=PATH   use PATH as the serial device of bus BUS, with direction control
                            none (repeatable; commissioning with an auto-direction adapter, and
                            tests on a pseudo-terminal of the simulator)
          --journal PATH    use PATH as the journal file instead of [agent] journal
          --seconds N       stop in order after N seconds (demos and tests)

        Signals: SIGTERM and SIGINT stop in order (the journal is committed); SIGHUP re-reads
        FILE and applies it only if it validates (an event records either outcome).

        Exit status: 0 after an orderly stop, 64 on a usage error, 70 when the journal or a
        device the configuration names cannot be used, 78 when the configuration is invalid.

        """

    /// EX_CONFIG (sysexits.h): cmmgate.service's RestartPreventExitStatus.
    static let configurationInvalid: Int32 = 78
    static let defaultConfigPath = "/etc/cmmgate/cmmgate.conf"

    struct Options {
        var configPath = RunCommand.defaultConfigPath
        var portOverrides: [String: String] = [:]
        var journalPath: String?
        var seconds: Int?
        /// Failpoint for the watchdog tests (`CMMGATE_TEST_HANG_POLLER=BUS`): that bus's poller
        /// reports once and then hangs, as a poller stuck in a driver would. Never set in service.
        var hangPoller = ProcessEnvironment.value("CMMGATE_TEST_HANG_POLLER")
    }

    static func run(_ arguments: [String]) -> Int32 {
        let options: Options
        do {
            options = try parse(arguments)
        } catch {
            StandardStreams.writeError("cmmgate run: \(error)\n\n" + usage)
            return ExitStatus.usage
        }
        guard let config = loadConfiguration(options) else { return configurationInvalid }
        do {
            let daemon = try AgentDaemon(config: config, options: options)
            return daemon.run()
        } catch {
            StandardStreams.writeError("cmmgate run: \(error)\n")
            return ExitStatus.failure
        }
    }

    static func parse(_ arguments: [String]) throws(ArgumentList.UsageError) -> Options {
        let parsed = try ArgumentList(arguments, valueOptions: ["config", "port", "journal", "seconds"])
        guard parsed.positionals.isEmpty else {
            throw ArgumentList.UsageError(description: "unexpected argument '\(parsed.positionals[0])'")
        }
        var options = Options()
        options.configPath = parsed.value("config") ?? defaultConfigPath
        for text in parsed.values("port") {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
                throw ArgumentList.UsageError(description: "--port '\(text)' is not BUS=PATH")
            }
            options.portOverrides[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        options.journalPath = parsed.value("journal")
        if let text = parsed.value("seconds") {
            guard let seconds = Int(text), seconds > 0 else {
                throw ArgumentList.UsageError(description: "--seconds '\(text)' is not a positive whole number")
            }
            options.seconds = seconds
        }
        return options
    }

    /// The validated configuration, or nil after printing every error (the caller exits 78).
    /// A `--port` naming no serial bus of the configuration is a configuration error too.
    static func loadConfiguration(_ options: Options) -> SiteConfig? {
        guard let result = CheckConfigCommand.load(path: options.configPath, command: name) else { return nil }
        guard let config = result.config else {
            CheckConfigCommand.reportErrors(result.errors, command: name)
            return nil
        }
        for bus in options.portOverrides.keys.sorted() where !config.buses.contains(where: { $0.name == bus && $0.isSerial }) {
            StandardStreams.writeError("cmmgate run: --port \(bus)=…: \(options.configPath) has no serial bus '\(bus)'\n")
            return nil
        }
        return config
    }
}
