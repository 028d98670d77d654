import AgentCore
import Uplink

/// The newest basic information table a site uploaded (CN 3020: the site's identity and every
/// instrument's registry data, as the agent's `UplinkSiteInformationArea` writes it), for the
/// report: groups `InfoType=site|meter,NAME=VALUE,…` with percent-encoded values, possibly split
/// over PNUM/PNO parts whose CP areas are joined in order.
struct SiteInformationTable: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        var value: String
    }

    struct Entry: Sendable, Equatable {
        /// `site` or `meter` (whatever `InfoType` says).
        var kind: String
        var fields: [Field]
    }

    /// The upload's DataTime, UTC epoch s.
    var time: Int64
    var entries: [Entry]

    /// The table in the CP areas of one upload's parts, in part order; groups without `InfoType`
    /// (the DataTime) are skipped, undecodable escapes are kept as sent.
    static func parse(cpAreas: [String], time: Int64) -> SiteInformationTable {
        var entries: [Entry] = []
        for group in cpAreas.joined(separator: ";").split(separator: ";") {
            let fields = group.split(separator: ",").map { item -> Field in
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let value = parts.count > 1 ? String(parts[1]) : ""
                return Field(name: String(parts[0]), value: UplinkEventArea.unescape(value) ?? value)
            }
            guard let kind = fields.first, kind.name == "InfoType" else { continue }
            entries.append(Entry(kind: kind.value, fields: Array(fields.dropFirst())))
        }
        return SiteInformationTable(time: time, entries: entries)
    }

    /// The text lines of the report's section.
    func lines(time text: (Int64) -> String) -> [String] {
        var lines = ["site information (CN 3020, uploaded \(text(time))): \(entries.count) entries"]
        for entry in entries {
            let name = entry.fields.first { $0.name == "Meter" || $0.name == "SiteName" }?.value ?? "?"
            let rest = entry.fields.filter { $0.name != "Meter" && $0.name != "SiteName" }
            lines.append("  \(entry.kind) \(name): " + rest.map { "\($0.name) \($0.value)" }.joined(separator: "; "))
        }
        return lines
    }

    /// The section as JSON.
    var json: String {
        var object = JSONObject()
        object.add("time_epoch", Double(time))
        object.raw("entries", JSONText.array(entries.map { entry in
            var item = JSONObject()
            item.add("type", entry.kind)
            for field in entry.fields { item.add(field.name, field.value) }
            return item.closed
        }))
        return object.closed
    }
}

extension RelayStore {
    /// The newest CN 3020 upload of `mn` with a DataTime before `end`, or nil.
    func siteInformation(mn: String, before end: Int64) throws(RelayError) -> SiteInformationTable? {
        var newest: Int64?
        try statement("SELECT max(data_time) FROM frames WHERE mn = ? AND cn = 3020 AND data_time < ?")
            .query([.text(mn), .integer(end)]) { newest = $0.optionalInt64(0) }
        guard let newest else { return nil }
        var areas: [String] = []
        try statement("SELECT segment FROM frames WHERE mn = ? AND cn = 3020 AND data_time = ? ORDER BY pno")
            .query([.text(mn), .integer(newest)]) { areas.append(RelayUpload.cpArea($0.text(0))) }
        return SiteInformationTable.parse(cpAreas: areas, time: newest)
    }
}
