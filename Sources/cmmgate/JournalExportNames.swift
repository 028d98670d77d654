import AgentCore
import DeviceIO
import Journal
import Metering

/// `journal export --config SITE`: the site's parameter names, which name the positions of
/// real-time and statistics values, and the configuration tag they give
/// (`RealtimeRecordCodec.configurationTag(names:)`), which those records must carry for the names
/// to be theirs.
struct JournalExportNames {
    /// The configuration file the names come from.
    var path: String
    /// `config.parameters[i].name`, in order: position i of a record.
    var names: [String]
    var tag: UInt32

    /// Parses the site configuration at `path` (as `check-config` does). Its errors go to stderr,
    /// one per line, and fail the export before anything is written.
    static func load(_ path: String) throws(JournalFile.Failure) -> JournalExportNames {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path: path)
        } catch {
            throw JournalFile.Failure(description: "--config: \(error)", status: ExitStatus.failure)
        }
        let result = SiteConfigParser.parse(text: String(decoding: bytes, as: UTF8.self), file: path)
        guard let config = result.config else {
            for error in result.errors { StandardStreams.writeError("\(error)\n") }
            let count = result.errors.count
            throw JournalFile.Failure(description: "--config \(path) has \(count) error\(count == 1 ? "" : "s") "
                                      + "(cmmgate check-config \(path)); nothing exported", status: ExitStatus.invalid)
        }
        let names = config.parameters.map(\.name)
        return JournalExportNames(path: path, names: names, tag: RealtimeRecordCodec.configurationTag(names: names))
    }

    /// Refuses the export when a real-time or statistics record was made under another parameter
    /// list than the configuration's: its values would be shown under the wrong names.
    static func check(_ decoded: [DecodedRecord], _ records: [JournalRecord],
                      against names: JournalExportNames) throws(JournalFile.Failure) {
        let differing = decoded.indices.filter { index in
            decoded[index].configurationTag.map { $0 != names.tag } ?? false
        }
        guard let first = differing.first, let tag = decoded[first].configurationTag else { return }
        throw JournalFile.Failure(
            description: "record \(records[first].sequence) (\(decoded[first].kind)) has configuration tag \(tag), "
                + "but the \(names.names.count) parameters of \(names.path) give tag \(names.tag) "
                + "(\(differing.count) record\(differing.count == 1 ? "" : "s") in the range differ): the records were "
                + "made under another parameter list, and naming their values by \(names.path) would mislabel them. "
                + "Export without --config, with the configuration that made them, or with --from/--to on one side "
                + "of the configuration change; nothing exported",
            status: ExitStatus.invalid)
    }
}
