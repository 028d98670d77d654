import DeviceIO
import Journal
import Wire

/// `cmmgate journal stats|verify|export|inspect FILE`: looks into a journal file on the box
/// (for commissioning, support and a verifier's auditor). Never writes to the journal.
enum JournalCommand: Subcommand {
    static let name = "journal"
    static let summary = "journal statistics, verification, export and record inspection"
    static let usage = """
        usage: cmmgate journal stats FILE
               cmmgate journal verify FILE
               cmmgate journal export FILE --from TIME --to TIME [--format csv|jsonl]
                                      [--config SITE]
               cmmgate journal inspect FILE --seq N

        FILE is the journal file (a preallocated FileBlockDevice file). It is required for now:
        the default (the journal named in the agent's configuration) arrives with the
        configuration issue.

          stats    size, fill, record counts by type, oldest and newest time, days of
                   capacity at the observed rate, consumers and their lag
          verify   reads every live record; reports each corrupt region with its byte offset
          export   records with FROM <= time < TO, one per line: sequence, type, time
                   (ISO 8601 with offset), payload as hex, and the agent's records
                   (realtime, statistics, accounting, event) and gaps decoded; csv
                   (default, with a header line; a quoted "decoded" summary column) or
                   jsonl (one object per record: kind and every decoded field). Values
                   are by parameter position; --config SITE names them from the site
                   configuration, and refuses records made under another parameter list.
                   A payload that does not decode is exported with what was wrong and
                   where, and the export ends with status 1 naming those records.
          inspect  one record by sequence number, its payload dumped

        TIME is local time in the box's time zone (TZ): 2026-11-25T08:00:00, 2026-11-25T08:00
        or 2026-11-25 (midnight).

        Exit status: 0 ok; 1 the journal is corrupt (verify), the record does not exist
        (inspect), a payload did not decode or --config does not fit (export) or FILE is
        not a journal; 64 usage error; 70 FILE could not be read.

        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let verb = arguments.first else { return usageError("needs a verb: stats, verify, export or inspect") }
        let parsed: ArgumentList
        do {
            parsed = try ArgumentList(Array(arguments.dropFirst()), valueOptions: options(of: verb))
        } catch {
            return usageError("\(verb): \(error)")
        }
        guard parsed.positionals.count == 1, let path = parsed.positionals.first else {
            return usageError("\(verb) takes exactly one journal FILE, got \(parsed.positionals.count) arguments")
        }
        do throws(JournalFile.Failure) {
            switch verb {
            case "stats": return try JournalStatsText.run(path)
            case "verify": return try verify(path)
            case "export": return try JournalExport.run(path, parsed)
            default: return try inspect(path, parsed)
            }
        } catch {
            StandardStreams.writeError("cmmgate journal \(verb): \(error)\n")
            return error.status
        }
    }

    /// Options each verb takes; an unknown verb is a usage error here.
    private static func options(of verb: String) throws(ArgumentList.UsageError) -> Set<String> {
        switch verb {
        case "stats", "verify": return []
        case "export": return ["from", "to", "format", "config"]
        case "inspect": return ["seq"]
        default: throw ArgumentList.UsageError(description: "unknown verb '\(verb)' (stats, verify, export, inspect)")
        }
    }

    static func usageError(_ message: String) -> Int32 {
        StandardStreams.writeError("cmmgate journal: \(message)\n\n" + usage)
        return ExitStatus.usage
    }

    /// Full scan; prints what was read and every corrupt region; exit 1 when there is one.
    static func verify(_ path: String) throws(JournalFile.Failure) -> Int32 {
        let journal = try JournalFile.open(path)
        let report: JournalVerification
        do {
            report = try journal.verify()
        } catch {
            throw JournalFile.Failure(description: "reading \(path): \(error)", status: ExitStatus.failure)
        }
        var text = "\(path): \(report.records) records in \(report.segments) segments, \(report.bytesScanned) bytes read\n"
        for problem in report.problems { text += "corrupt: \(problem)\n" }
        text += report.problems.isEmpty ? "ok\n" : "\(report.problems.count) corrupt region(s)\n"
        StandardStreams.writeOut(text)
        return report.problems.isEmpty ? ExitStatus.success : ExitStatus.invalid
    }

    /// Prints record `--seq N`: its fields, a decoded gap event, and its payload as a hex dump.
    static func inspect(_ path: String, _ parsed: ArgumentList) throws(JournalFile.Failure) -> Int32 {
        guard let text = parsed.value("seq"), let sequence = UInt64(text) else {
            return usageError("inspect needs --seq N (a record sequence number)")
        }
        let journal = try JournalFile.open(path)
        let found: [JournalRecord]
        do {
            found = try journal.records(from: sequence, limit: 1)
        } catch {
            throw JournalFile.Failure(description: "reading \(path): \(error)", status: ExitStatus.failure)
        }
        guard let record = found.first, record.sequence == sequence else {
            let held = journal.statistics()
            StandardStreams.writeError("cmmgate journal inspect: \(path) holds no readable record \(sequence) "
                + "(it holds \(held.oldestSequence)…\(held.newestSequence); acknowledgements are internal)\n")
            return ExitStatus.invalid
        }
        StandardStreams.writeOut(describe(record))
        return ExitStatus.success
    }

    static func describe(_ record: JournalRecord) -> String {
        var text = "sequence:  \(record.sequence)\n"
        text += "type:      0x\(Hex.byte2(record.type.rawValue)) (\(record.type.isApplicationType ? "application" : "\(record.type)"))\n"
        text += "time:      \(LocalTime.iso8601(milliseconds: record.timestamp)) (\(record.timestamp) ms)\n"
        if let gap = record.gapEvent {
            text += "gap:       records \(gap.firstSequence)…\(gap.lastSequence) lost, reason \(gap.reason)\n"
        }
        text += "payload:   \(record.payload.count) bytes\n"
        var offset = 0
        while offset < record.payload.count {
            let line = record.payload[offset..<min(offset + 16, record.payload.count)]
            text += "  " + Hex.word4(UInt16(truncatingIfNeeded: offset)) + "  " + Hex.format(line) + "\n"
            offset += 16
        }
        return text
    }
}
