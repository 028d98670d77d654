import AgentCore

/// What `report` and `export` know of a site: from the relay configuration when `--config` is
/// given, else from what `serve` recorded in the database (including the agent configuration's text).
struct ReportSite {
    var mn: String
    var name: String
    var utcOffsetMinutes: Int
    var realtimeIntervalSeconds: Int
    var gatewayTCO2eFactor: String?
    var siteConfig: SiteConfig?
    /// Why there is no site configuration, when there is none.
    var note: String?

    static func resolve(mn: String, configPath: String?, store: RelayStore) throws(RelayError) -> ReportSite {
        if let configPath {
            let (_, sites) = try RelayConfigLoader.load(path: configPath)
            guard let loaded = sites.first(where: { $0.site.mn == mn }) else {
                throw RelayError(.data, "site \(mn) is not in \(configPath)")
            }
            return ReportSite(mn: mn, name: loaded.site.name, utcOffsetMinutes: loaded.utcOffsetMinutes,
                              realtimeIntervalSeconds: loaded.site.realtimeIntervalSeconds,
                              gatewayTCO2eFactor: loaded.site.gatewayTCO2eFactor, siteConfig: loaded.siteConfig,
                              note: loaded.siteConfig == nil ? "[site \(mn)] has no site_config" : nil)
        }
        guard let row = try store.site(mn: mn) else {
            throw RelayError(.data, "site \(mn) is not in the database (serve records its sites when it starts)")
        }
        var site = ReportSite(mn: mn, name: row.name, utcOffsetMinutes: row.utcOffsetMinutes,
                              realtimeIntervalSeconds: row.realtimeIntervalSeconds, gatewayTCO2eFactor: row.gatewayTCO2eFactor,
                              siteConfig: nil, note: "the relay configuration gave no site_config")
        if let text = row.siteConfigText {
            let result = SiteConfigParser.parse(text: text, file: row.siteConfigPath ?? "stored site configuration")
            site.siteConfig = result.config
            site.note = result.config == nil
                ? "the stored site configuration does not parse: " + (result.errors.first?.description ?? "") : nil
        }
        return site
    }

    /// The parameters to report: the configuration's, else every factor stored in the window.
    func parameters(store: RelayStore, from: Int64, to: Int64) throws(RelayError) -> [(name: String, factor: String)] {
        if let siteConfig { return siteConfig.parameters.map { ($0.name, $0.factorCode) } }
        return try store.realtimeFactors(mn: mn, from: from, to: to).map { ($0, $0) }
    }
}
