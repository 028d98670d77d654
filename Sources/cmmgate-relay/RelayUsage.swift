/// The relay's command-line usage (docs/relay.md).
enum RelayUsage {
    static let text = """
        usage: cmmgate-relay serve --config FILE
               cmmgate-relay help

          serve    accept HJ 212 gateways (2017/2025) on the configured address, acknowledge (9014),
                   set their time (1012), pull missing minute/hour/day history, store in SQLite

        """
}
