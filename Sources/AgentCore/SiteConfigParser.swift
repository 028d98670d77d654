/// The strict parser of the site configuration: splits the file (`ConfigDocument`), reads every
/// section against `ConfigSchema`, then checks names and references across sections, what each
/// oxidizer unit's accounting needs, and the cross-checks. It never stops at the first problem:
/// `errors` holds all of them, in file order, and `config` is only made when there are none.
/// Pure: the caller reads the file.
public struct SiteConfigParser {
    /// The outcome of parsing one file.
    public struct Result: Sendable {
        /// The configuration, when the file has no error.
        public var config: SiteConfig?
        /// Every problem found, sorted by line.
        public var errors: [ConfigError]
    }

    let file: String
    var errors: [ConfigError] = []
    var identities: [(SiteIdentity, line: Int)] = []
    var constantSets: [MethodologyConstants] = []
    var buses: [BusConfig] = []
    var meters: [MeterConfig] = []
    var points: [PointConfig] = []
    var parameters: [MonitoringParameter] = []
    var agent: AgentSettings?
    var statistics: StatisticsSettings?
    var crossChecks: [CrossCheckConfig] = []
    var uplinks: [UplinkConfig] = []
    /// The consumer names of the uplinks read so far, with their lines (they must be unique).
    var uplinkConsumers: [String: Int] = [:]
    /// The quantity (and oxidizer) of every parameter section whose quantity could be read, with
    /// errors elsewhere or not: the per-oxidizer and cross-check rules judge these, so a typo in
    /// one key of a parameter does not also make it look absent.
    var declarations: [ParameterDeclaration] = []
    /// The references of every cross-check, with the lines of their keys, checked once every
    /// parameter is read.
    var crossCheckReferences: [CrossCheckReferences] = []
    /// `KIND NAME` of every well-named section, read without error or not: a reference to a
    /// section that exists but has errors of its own is not reported again as dangling.
    var definedSections: Set<String> = []

    /// Parses `text`; `file` names the file in errors.
    public static func parse(text: String, file: String) -> Result {
        var parser = SiteConfigParser(file: file)
        let document = ConfigDocument(text: text, file: file)
        parser.errors = document.errors
        parser.readSections(document.sections)
        parser.readAbsentOptionalSections()
        parser.checkReferences()
        parser.checkOxidizers()
        parser.checkCrossChecks()
        let errors = parser.errors.enumerated().sorted {
            ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
        }.map(\.element)
        guard errors.isEmpty, let identity = parser.identities.first?.0, let agent = parser.agent,
              let statistics = parser.statistics else {
            return Result(config: nil, errors: errors)
        }
        let config = SiteConfig(identity: identity, agent: agent, statistics: statistics,
                                constantSets: parser.constantSets, buses: parser.buses, meters: parser.meters,
                                points: parser.points, parameters: parser.parameters, crossChecks: parser.crossChecks,
                                uplinks: parser.uplinks)
        return Result(config: config, errors: [])
    }

    private mutating func readSections(_ sections: [ConfigDocument.Section]) {
        var seenNames: [String: Int] = [:]
        for section in sections where !section.kind.isEmpty {
            guard let schema = ConfigSchema.section(section.kind) else {
                let kinds = ConfigSchema.sections.map(\.kind).joined(separator: ", ")
                fail(.unknownKey, "unknown section [\(section.kind)] (known: \(kinds))", line: section.line)
                continue
            }
            guard checkName(section, schema: schema, seen: &seenNames) else { continue }
            var reader = ConfigSectionReader(section, schema: schema, file: file)
            switch section.kind {
            case "site": readSite(&reader)
            case "agent": readAgent(&reader)
            case "statistics": readStatistics(&reader)
            case "constants": readConstants(&reader)
            case "bus": readBus(&reader)
            case "meter": readMeter(&reader)
            case "point": readPoint(&reader)
            case "crosscheck": readCrossCheck(&reader)
            case "uplink": readUplink(&reader)
            default: readParameter(&reader)
            }
            errors += reader.errors
        }
        if identities.isEmpty { fail(.missing, "the file has no [site] section", line: 1) }
    }

    /// `[agent]` and `[statistics]` are optional: when the file has none, their defaults are read
    /// from an empty section, so the schema stays the one place a default is written.
    private mutating func readAbsentOptionalSections() {
        for kind in ["agent", "statistics"] where !definedSections.contains(kind) {
            guard let schema = ConfigSchema.section(kind) else { continue }
            var reader = ConfigSectionReader(ConfigDocument.Section(kind: kind, name: "", line: 0), schema: schema,
                                             file: file)
            if kind == "agent" { readAgent(&reader) } else { readStatistics(&reader) }
            errors += reader.errors
            if kind == "agent" { agent?.line = nil } else { statistics?.line = nil }
        }
    }

    /// Checks the header's name: present and well formed for named kinds, absent for `[site]`,
    /// `[agent]` and `[statistics]`, unique within its kind (an unnamed kind at most once).
    /// Returns whether the section should be read.
    private mutating func checkName(_ section: ConfigDocument.Section, schema: ConfigSchema.Section,
                                    seen: inout [String: Int]) -> Bool {
        guard schema.isNamed else {
            if !section.name.isEmpty { fail(.syntax, "[\(section.kind)] takes no name", line: section.line) }
            if let earlier = seen[section.kind] {
                fail(.duplicate, "[\(section.kind)] is already given on line \(earlier)", line: section.line)
                return false
            }
            seen[section.kind] = section.line
            definedSections.insert(section.kind)
            return true
        }
        guard ConfigName.isValid(section.name) else {
            let shown = section.name.isEmpty ? "no name" : "'\(section.name)'"
            fail(.syntax, "[\(section.kind) NAME] has \(shown); a name is \(ConfigName.rule)", line: section.line)
            return false
        }
        let key = section.kind + " " + section.name
        if let earlier = seen[key] {
            fail(.duplicate, "[\(key)] is already defined on line \(earlier)", line: section.line)
            return false
        }
        seen[key] = section.line
        definedSections.insert(key)
        return true
    }

    mutating func fail(_ code: ConfigError.Code, _ message: String, line: Int) {
        errors.append(ConfigError(code, message, file: file, line: line))
    }
}
