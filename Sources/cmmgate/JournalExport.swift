import DeviceIO
import Journal
import Wire

/// `cmmgate journal export FILE --from TIME --to TIME [--format csv|jsonl]`: the records whose
/// time lies in [FROM, TO), one per line, for a verifier's auditor. Payloads are hex until the
/// metering issue gives record types their schemas.
enum JournalExport {
    enum Format: String {
        case csv
        case jsonl
    }

    static func run(_ path: String, _ parsed: ArgumentList) throws(JournalFile.Failure) -> Int32 {
        guard let fromText = parsed.value("from"), let toText = parsed.value("to") else {
            return JournalCommand.usageError("export needs --from TIME and --to TIME")
        }
        guard let format = Format(rawValue: parsed.value("format") ?? "csv") else {
            return JournalCommand.usageError("export --format must be csv or jsonl, not '\(parsed.value("format") ?? "")'")
        }
        let from: Int64
        let to: Int64
        do {
            from = try LocalTime.milliseconds(parsing: fromText)
            to = try LocalTime.milliseconds(parsing: toText)
        } catch {
            return JournalCommand.usageError("export: \(error.message)")
        }
        guard from < to else {
            return JournalCommand.usageError("export: --from \(fromText) is not before --to \(toText)")
        }
        let journal = try JournalFile.open(path)
        let records: [JournalRecord]
        do {
            records = try journal.records(between: from...(to - 1))
        } catch {
            throw JournalFile.Failure(description: "reading \(path): \(error)", status: ExitStatus.failure)
        }
        var text = format == .csv ? "sequence,type,time,payload\n" : ""
        for (index, record) in records.enumerated() {
            text += line(record, format)
            if index % 1024 == 1023 {  // stream large exports instead of holding the whole text
                StandardStreams.writeOut(text)
                text = ""
            }
        }
        StandardStreams.writeOut(text)
        return ExitStatus.success
    }

    /// One record as a CSV row or a JSON object (no field needs quoting or escaping).
    static func line(_ record: JournalRecord, _ format: Format) -> String {
        let type = "0x" + Hex.byte2(record.type.rawValue)
        let time = LocalTime.iso8601(milliseconds: record.timestamp)
        let payload = Hex.format(record.payload, separator: "")
        switch format {
        case .csv:
            return "\(record.sequence),\(type),\(time),\(payload)\n"
        case .jsonl:
            return "{\"sequence\":\(record.sequence),\"type\":\"\(type)\",\"time\":\"\(time)\",\"payload\":\"\(payload)\"}\n"
        }
    }
}
