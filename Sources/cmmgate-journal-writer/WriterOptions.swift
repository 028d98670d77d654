/// The command line of `cmmgate-journal-writer`, parsed without Foundation:
/// `create PATH [--blocks N] [--erase-size N] [--program-size N]`,
/// `append PATH --run R [--records N] [--interval-ms N] [--pause-us N] [--time MS] [--step MS]
/// [--consumer NAME]... [--agent-sample NAMES]`, `dump PATH`.
struct WriterOptions {
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    var verb: String
    var path: String
    var blocks = 64
    var eraseSize = 64 * 1024
    var programSize = 512
    var run: UInt32 = 1
    var records = 2000
    var intervalMilliseconds: Int64 = 10
    var pauseMicroseconds = 200
    /// First record's timestamp (Unix ms); nil: the wall clock at each append.
    var time: Int64?
    var step: Int64 = 1000
    var consumers: [String] = []
    /// `--agent-sample`: the parameter names of `AgentSample`'s records (nil: the synthetic records).
    var agentSample: [String]?

    static let usage = """
        usage: cmmgate-journal-writer create PATH [--blocks N] [--erase-size N] [--program-size N]
               cmmgate-journal-writer append PATH --run R [--records N] [--interval-ms N] [--pause-us N]
                                             [--time MS] [--step MS] [--consumer NAME]...
                                             [--agent-sample NAME,NAME,...]
               cmmgate-journal-writer dump PATH

        append prints "synced SEQ RUN COUNT" after every group commit: every record up to
        sequence SEQ is durable, and SEQ is record COUNT−1 of this run (payload: run, index, pattern).
        A consumer given with --consumer is registered and acknowledges half of what is durable.
        --agent-sample appends, instead of --records synthetic records (types 0x20-0x22), the agent's
        record types built by the Metering codecs for a site with the parameters NAME,...: a
        real-time record, a statistics minute, an accounting minute, two events, and a real-time
        record with a damaged payload (Sources/cmmgate-journal-writer/AgentSample.swift).

        """

    init(_ arguments: [String]) throws(UsageError) {
        guard arguments.count >= 2 else { throw UsageError(description: "needs a verb and a journal path") }
        verb = arguments[0]
        path = arguments[1]
        guard ["create", "append", "dump"].contains(verb) else { throw UsageError(description: "unknown verb '\(verb)'") }
        var index = 2
        while index < arguments.count {
            let name = arguments[index]
            guard index + 1 < arguments.count else { throw UsageError(description: "option \(name) needs a value") }
            let value = arguments[index + 1]
            index += 2
            try apply(name, value)
        }
    }

    private mutating func apply(_ name: String, _ value: String) throws(UsageError) {
        if name == "--consumer" {
            consumers.append(value)
            return
        }
        if name == "--agent-sample" {
            agentSample = value.split(separator: ",").map(String.init)
            return
        }
        guard let number = Int64(value), number >= 0 else {
            throw UsageError(description: "option \(name) needs a non-negative integer, not '\(value)'")
        }
        switch name {
        case "--blocks": blocks = Int(number)
        case "--erase-size": eraseSize = Int(number)
        case "--program-size": programSize = Int(number)
        case "--run": run = UInt32(truncatingIfNeeded: number)
        case "--records": records = Int(number)
        case "--interval-ms": intervalMilliseconds = number
        case "--pause-us": pauseMicroseconds = Int(number)
        case "--time": time = number
        case "--step": step = number
        default: throw UsageError(description: "unknown option \(name)")
        }
    }
}
