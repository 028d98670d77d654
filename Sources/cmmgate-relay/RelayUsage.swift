/// The relay's command-line usage.
enum RelayUsage {
    static let text = """
        usage: cmmgate-relay serve --config FILE | report --db FILE --site MN --day YYYY-MM-DD | export ...
        (not yet implemented: see issue 6)

        """
}
