/// The relay's command-line usage (docs/relay.md).
enum RelayUsage {
    static let text = """
        usage: cmmgate-relay serve --config FILE
               cmmgate-relay report --db FILE --site MN --day YYYY-MM-DD [--config FILE]
                                    [--from TIME] [--to TIME] [--format text|json]
               cmmgate-relay export --db FILE --site MN --from TIME --to TIME [--kind KIND] [--format csv]
                                    [--config FILE]
               cmmgate-relay help

          serve    accept HJ 212 gateways (2017/2025) on the configured address, acknowledge (9014),
                   set their time (1012), pull missing minute/hour/day history, store in SQLite
          report   one site's local day (or [--from, --to) within it; TIME is HH:MM:SS or
                   YYYY-MM-DDTHH:MM:SS): per parameter the share of samples present and with flag N,
                   outages, alarms and events, and the methane destroyed and tCO2e recomputed from the
                   stored real-time records with the site's constant set
          export   one site's stored data in [--from, --to) (local YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)
                   as CSV; KIND is realtime (default), statistics, events or frames (with the raw packet)

        """
}
