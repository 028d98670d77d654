import DeviceIO

/// `cmmgate-relay serve --config FILE`: load and check the configuration (exit 78 when invalid),
/// open the database, record each site, listen, print `listening on HOST:PORT`, and serve.
enum ServeCommand {
    static func run(_ arguments: [String]) throws(RelayError) -> Int32 {
        let options = try RelayArguments(arguments, valueOptions: ["config"])
        let path = try options.required("config")
        let (config, sites) = try RelayConfigLoader.load(path: path)
        do throws(DeviceIOError) { try SignalFlags.install() } catch {
            throw RelayError(.network, "cannot install the signal handlers", cause: error.description)
        }
        let store = try RelayStore(path: config.databasePath, synchronous: config.synchronous)
        let now = HostClock.wallMilliseconds()
        for loaded in sites {
            try store.recordSite(loaded.site, utcOffsetMinutes: loaded.utcOffsetMinutes, siteConfigText: loaded.siteConfigText,
                                 now: now)
        }
        let listener = try ListeningSocket(host: config.listenHost, port: config.listenPort)
        let server = RelayServer(config: config, sites: sites, store: store, listener: listener)
        StandardStreams.writeOut("cmmgate-relay: listening on \(listener.host):\(listener.port) (\(sites.count) "
            + "site\(sites.count == 1 ? "" : "s"), database \(config.databasePath))\n")
        server.run()
        return 0
    }
}
