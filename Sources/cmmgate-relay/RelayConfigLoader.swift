import AgentCore
import DeviceIO
import Wire

/// A configured site with what its files say: the agent configuration (parameters and their factor
/// codes, the UTC offset, the constant set) and the SM4 cipher.
struct LoadedSite: Sendable {
    var site: RelaySite
    var siteConfig: SiteConfig?
    var siteConfigText: String?
    var utcOffsetMinutes: Int
    var cipher: (any BlockCipher128)?

    /// The session's view of the site.
    var directoryEntry: SiteDirectory.Entry {
        SiteDirectory.Entry(mn: site.mn, name: site.name, password: site.password, profile: site.profile, cipher: cipher,
                            utcOffsetMinutes: utcOffsetMinutes, minuteIntervalMinutes: site.minuteIntervalMinutes)
    }
}

/// Reads the relay configuration and every file it names (site configurations, SM4 keys).
/// Every configuration problem is reported at once, `FILE:LINE: message` per line.
enum RelayConfigLoader {
    /// HJ 212 times are local; the standard's examples imply UTC+8, the agent's default.
    static let defaultUTCOffsetMinutes = 480

    static func load(path: String) throws(RelayError) -> (RelayConfig, [LoadedSite]) {
        let text = try readText(path)
        let result = RelayConfigParser.parse(text: text, file: path)
        guard let config = result.config else { throw configurationError(result.errors) }
        var errors: [ConfigError] = []
        var sites: [LoadedSite] = []
        for site in config.sites {
            if let loaded = try loadSite(site, file: path, errors: &errors) { sites.append(loaded) }
        }
        guard errors.isEmpty else { throw configurationError(errors) }
        return (config, sites)
    }

    /// A site's files: its agent configuration (validated by the agent's own parser) and its key.
    static func loadSite(_ site: RelaySite, file: String, errors: inout [ConfigError]) throws(RelayError) -> LoadedSite? {
        var loaded = LoadedSite(site: site, siteConfig: nil, siteConfigText: nil,
                                utcOffsetMinutes: site.utcOffsetMinutes ?? defaultUTCOffsetMinutes, cipher: nil)
        if let configPath = site.siteConfigPath {
            let text = try readText(configPath)
            let result = SiteConfigParser.parse(text: text, file: configPath)
            errors += result.errors
            guard let siteConfig = result.config else { return nil }
            if siteConfig.identity.mn != site.mn {
                errors.append(ConfigError(.conflict, "[site \(site.mn)]: \(configPath) is the configuration of MN \(siteConfig.identity.mn)",
                                          file: file, line: site.line))
                return nil
            }
            loaded.siteConfig = siteConfig
            loaded.siteConfigText = text
            loaded.utcOffsetMinutes = site.utcOffsetMinutes ?? siteConfig.identity.utcOffsetMinutes
            if site.name == site.mn { loaded.site.name = siteConfig.identity.name }
        }
        if let keyPath = site.sm4KeyFile {
            do throws(DeviceIOError) {
                loaded.cipher = try LibcryptoSM4(key: SM4KeyFile.load(path: keyPath))
            } catch {
                errors.append(ConfigError(.badValue, "[site \(site.mn)]: sm4_key_file: \(error)", file: file, line: site.line))
                return nil
            }
        }
        return loaded
    }

    /// The whole file at `path` as text.
    static func readText(_ path: String) throws(RelayError) -> String {
        do throws(DeviceIOError) {
            return String(decoding: try FileContents.read(path: path), as: UTF8.self)
        } catch {
            throw RelayError(.file, "cannot read \(path)", cause: error.description)
        }
    }

    static func configurationError(_ errors: [ConfigError]) -> RelayError {
        RelayError(.configuration, "invalid configuration:\n" + errors.map(\.description).joined(separator: "\n"))
    }
}
