import AgentCore
import DeviceIO
import FieldBus

/// The daemon's log: `LogSink` behind `LogRateLimiter`, so one failing meter cannot flood the
/// console or the flash (`[agent] log_burst`, `log_per_minute`); what was suppressed is counted
/// in the next line written for that source.
struct DaemonLog {
    let sink: LogSink
    private var limiter: LogRateLimiter

    init(_ settings: AgentSettings) {
        sink = LogSink(settings.log == .syslog ? .syslog : .stderr)
        limiter = LogRateLimiter(burst: settings.logBurst, refillPerMinute: settings.logPerMinute)
    }

    /// Writes `message` unless its `source` is over its rate.
    mutating func write(_ level: LogSink.Level, source: String, _ message: String, now: MonotonicInstant) {
        switch limiter.admit(source: source, now: now) {
        case .emit: sink.log(level, message)
        case .suppress: break
        case .emitWithSuppressedCount(let count): sink.log(level, "\(message) (\(count) similar suppressed)")
        }
    }

    /// Writes `message` whatever the rate (start, stop, configuration).
    func always(_ level: LogSink.Level, _ message: String) { sink.log(level, message) }
}
