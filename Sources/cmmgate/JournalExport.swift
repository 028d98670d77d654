import AgentCore
import DeviceIO
import Journal
import Wire

/// `cmmgate journal export FILE --from TIME --to TIME [--format csv|jsonl] [--config SITE]`: the
/// records whose time lies in [FROM, TO), one per line, for a verifier's auditor, with the agent's
/// record types decoded (`AgentRecordDecoding`) beside the payload's hex. A payload that does not
/// decode is exported with what was wrong and where; the export goes on, and the command then ends
/// with status 1 naming those records.
enum JournalExport {
    enum Format: String {
        case csv
        case jsonl
    }

    static let csvHeader = "sequence,type,time,payload,decoded\n"

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
        var names: JournalExportNames?
        if let config = parsed.value("config") { names = try JournalExportNames.load(config) }
        let journal = try JournalFile.open(path)
        let records: [JournalRecord]
        do {
            records = try journal.records(between: from...(to - 1))
        } catch {
            throw JournalFile.Failure(description: "reading \(path): \(error)", status: ExitStatus.failure)
        }
        let decoded = records.map { AgentRecordDecoding.decode($0, parameterNames: names?.names) }
        if let names { try JournalExportNames.check(decoded, records, against: names) }
        write(records, decoded, format)
        return reportFailures(decoded, records)
    }

    /// Writes every record as a line, 1,024 lines per write.
    static func write(_ records: [JournalRecord], _ decoded: [DecodedRecord], _ format: Format) {
        var text = format == .csv ? csvHeader : ""
        for index in records.indices {
            text += line(records[index], decoded[index], format)
            if index % 1024 == 1023 {
                StandardStreams.writeOut(text)
                text = ""
            }
        }
        StandardStreams.writeOut(text)
    }

    /// One record as a CSV row or a JSON object: sequence, type, time and the payload's hex as
    /// before, plus its kind and decoded fields (JSON) or a summary (CSV, RFC 4180 quoted).
    static func line(_ record: JournalRecord, _ decoded: DecodedRecord, _ format: Format) -> String {
        let type = "0x" + Hex.byte2(record.type.rawValue)
        let time = LocalTime.iso8601(milliseconds: record.timestamp)
        let payload = Hex.format(record.payload, separator: "")
        switch format {
        case .csv:
            return "\(record.sequence),\(type),\(time),\(payload),\(csvField(summary(decoded)))\n"
        case .jsonl:
            var object = JSONObject()
            object.add("sequence", record.sequence)
            object.add("type", type)
            object.add("kind", decoded.kind)
            object.add("time", time)
            decoded.append(to: &object)
            object.add("payload", payload)
            return object.closed + "\n"
        }
    }

    /// The CSV `decoded` column: the kind and what the payload says, or why it could not be read;
    /// empty for a type nothing decodes.
    static func summary(_ decoded: DecodedRecord) -> String {
        if let error = decoded.error { return "\(decoded.kind): error: \(error)" }
        return decoded.summary.isEmpty ? "" : "\(decoded.kind): \(decoded.summary)"
    }

    /// `text` as an RFC 4180 field: always in double quotes, inner quotes doubled.
    static func csvField(_ text: String) -> String {
        var field = "\""
        for character in text {
            field += character == "\"" ? "\"\"" : String(character)
        }
        return field + "\""
    }

    /// Names the records that did not decode on stderr (their lines carry the error) and gives
    /// the export's exit status: 0 when every record decoded, else 1.
    static func reportFailures(_ decoded: [DecodedRecord], _ records: [JournalRecord]) -> Int32 {
        let failed = decoded.indices.filter { decoded[$0].error != nil }.map { records[$0].sequence }
        guard !failed.isEmpty else { return ExitStatus.success }
        let shown = failed.prefix(20).map(String.init).joined(separator: ", ")
        let more = failed.count > 20 ? " and \(failed.count - 20) more" : ""
        let noun = failed.count == 1 ? "record did" : "records did"
        StandardStreams.writeError("cmmgate journal export: \(failed.count) \(noun) not decode (each line says what "
                                   + "was wrong and at which byte): sequence \(shown)\(more)\n")
        return ExitStatus.invalid
    }
}
