import DeviceIO
import Journal
import Wire

/// The verbs of `cmmgate-journal-writer` (see `WriterOptions.usage`).
enum JournalWriter {
    static func main(_ arguments: [String]) -> Int32 {
        let options: WriterOptions
        do {
            options = try WriterOptions(arguments)
        } catch {
            StandardStreams.writeError("cmmgate-journal-writer: \(error)\n\n" + WriterOptions.usage)
            return 64
        }
        do {
            switch options.verb {
            case "create": try create(options)
            case "append": try append(options)
            default: try dump(options)
            }
            return 0
        } catch {
            StandardStreams.writeError("cmmgate-journal-writer \(options.verb) \(options.path): \(error)\n")
            return 70
        }
    }

    /// Creates the file and formats an empty journal in it.
    static func create(_ options: WriterOptions) throws {
        let device = try FileBlockDevice.create(path: options.path, blockCount: options.blocks,
                                                programSize: options.programSize, eraseSize: options.eraseSize)
        _ = try Journal.format(device)
    }

    /// Appends `records` records under group commit, printing the durable sequence after each commit.
    static func append(_ options: WriterOptions) throws {
        let device = try FileBlockDevice(opening: options.path, programSize: options.programSize, eraseSize: options.eraseSize)
        let journal = try Journal(opening: device,
                                  configuration: JournalConfiguration(commitIntervalMilliseconds: options.intervalMilliseconds))
        for consumer in options.consumers { try journal.register(consumer: consumer) }
        let clock = SystemClock()
        var appended = 0
        func report() throws {
            for consumer in options.consumers {
                try journal.acknowledge(consumer, through: journal.lastDurableSequence / 2)
            }
            // One write(2) per line (atomic on a pipe): a kill never leaves half a report.
            StandardStreams.writeOut("synced \(journal.lastDurableSequence) \(options.run) \(appended)\n")
        }
        let time = { (index: Int) -> Int64 in
            options.time.map { $0 + Int64(index) * options.step } ?? Int64(clock.wallNanoseconds() / 1_000_000)
        }
        let sample = options.agentSample.map { AgentSample.records(names: $0, milliseconds: time) }
        while appended < sample?.count ?? options.records {
            if let sample {
                try journal.append(type: sample[appended].type, timestamp: time(appended), payload: sample[appended].payload)
            } else {
                try journal.append(type: WriterPayload.type(appended), timestamp: time(appended),
                                   payload: WriterPayload.bytes(run: options.run, index: UInt32(appended)))
            }
            appended += 1
            if try journal.commitIfDue(now: MonotonicInstant(milliseconds: Int64(clock.now().nanoseconds / 1_000_000))) {
                try report()
            }
            if options.pauseMicroseconds > 0 { clock.sleep(microseconds: options.pauseMicroseconds) }
        }
        try journal.commit()
        try report()
        try journal.commit()  // makes the consumers' last acknowledgements durable
    }

    /// Prints the result of `verify()` and every record: "record SEQ TYPE TIMESTAMP HEX".
    static func dump(_ options: WriterOptions) throws {
        let device = try FileBlockDevice(opening: options.path, programSize: options.programSize, eraseSize: options.eraseSize)
        let journal = try Journal(opening: device)
        let report = try journal.verify()
        var text = "verify segments=\(report.segments) records=\(report.records) problems=\(report.problems.count)\n"
        for problem in report.problems { text += "problem \(problem)\n" }
        StandardStreams.writeOut(text)
        var next: UInt64 = 0
        while true {
            let batch = try journal.records(from: next, limit: 1000)
            guard let last = batch.last else { break }
            text = ""
            for record in batch {
                text += "record \(record.sequence) \(record.type.rawValue) \(record.timestamp) \(Hex.format(record.payload, separator: ""))\n"
            }
            StandardStreams.writeOut(text)
            next = last.sequence + 1
        }
    }
}
