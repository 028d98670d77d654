import AgentTesting
/// Where a simulated point's value comes from at each read.
enum ValueSource {
    case constant(Double)
    /// START + STEP × (reads so far).
    case ramp(start: Double, step: Double)
    /// MEAN ± AMPLITUDE, uniform, from the simulator's seeded generator.
    case noise(mean: Double, amplitude: Double)
    /// START + PER_SECOND × seconds since the simulator started (an energy register).
    case counter(start: Double, perSecond: Double)

    init(parsing text: String, _ fail: (String) -> SimConfig.ConfigError) throws(SimConfig.ConfigError) {
        let (kind, argument) = SimConfig.keyValue(text)
        let numbers = (argument ?? "").split(separator: ",").map { Double($0) }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else { throw fail("bad value source '\(text)'") }
        let values = numbers.map { $0! }
        switch (kind, values.count) {
        case ("value", 1): self = .constant(values[0])
        case ("ramp", 2): self = .ramp(start: values[0], step: values[1])
        case ("noise", 2): self = .noise(mean: values[0], amplitude: values[1])
        case ("counter", 2): self = .counter(start: values[0], perSecond: values[1])
        default: throw fail("value source '\(text)' is not value=X, ramp=START,STEP, noise=MEAN,AMP or counter=START,RATE")
        }
    }

    /// The value at read number `reads` (0-based), `seconds` after start.
    func value(reads: Int, seconds: Double, random: inout SplitMix64) -> Double {
        switch self {
        case .constant(let value): return value
        case .ramp(let start, let step): return start + step * Double(reads)
        case .noise(let mean, let amplitude): return mean + amplitude * (2 * random.nextUnit() - 1)
        case .counter(let start, let perSecond): return start + perSecond * seconds
        }
    }
}
