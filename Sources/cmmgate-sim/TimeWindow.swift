/// A stretch of the simulator's run, `FROM,UNTIL` in seconds after it printed `ready` (its
/// monotonic start): FROM included, UNTIL excluded. Faults (`between=`) and value overrides use it
/// so a test can script "slave 2 is silent from 20 s to 35 s" without talking to the simulator.
struct TimeWindow: Equatable, CustomStringConvertible {
    var from: Double
    var until: Double

    init(parsing text: String, _ fail: (String) -> SimConfig.ConfigError) throws(SimConfig.ConfigError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = Double(parts[0]), let until = Double(parts[1]), from.isFinite,
              until.isFinite, from >= 0, from < until else {
            throw fail("between= needs FROM,UNTIL in seconds after ready, 0 ≤ FROM < UNTIL (got '\(text)')")
        }
        self.from = from
        self.until = until
    }

    /// The `between=FROM,UNTIL` word that ends an `override` directive.
    init(overrideWord word: String, _ fail: (String) -> SimConfig.ConfigError) throws(SimConfig.ConfigError) {
        let (key, value) = SimConfig.keyValue(word)
        guard key == "between", let value else { throw fail("override needs between=FROM,UNTIL last") }
        try self.init(parsing: value, fail)
    }

    func contains(_ seconds: Double) -> Bool { seconds >= from && seconds < until }

    var description: String { "\(from),\(until)" }
}
