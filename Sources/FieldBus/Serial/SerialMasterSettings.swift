/// How a serial master runs its transactions on one bus (per bus in the configuration).
///
/// Defaults follow common practice for Modbus RTU masters: 1 s response timeout, 2 retries,
/// 100 ms broadcast turnaround delay (Modbus over Serial Line V1.02 §2.4.1 suggests 100–200 ms).
public struct SerialMasterSettings: Sendable, Equatable {
    /// The name used in messages ("bus1", "/dev/ttyS1").
    public var busName: String
    /// Time allowed from the end of the request (line released) to the first byte of the reply;
    /// the wire time of the expected reply is added on top, so slow bauds need no tuning.
    public var responseTimeoutMilliseconds: Int
    /// Further attempts after a timeout or a bad frame (not after an exception).
    public var retries: Int
    /// Time to wait after a broadcast (no reply) before the next request.
    public var broadcastTurnaroundMilliseconds: Int
    /// Manual direction only: flush our own echo (tcflush) just before releasing the line.
    /// Echo bytes that reach the input later are still recognised and skipped by the decoder.
    public var discardEcho: Bool
    /// The longest the master waits for t3.5 of silence before a request before giving up
    /// with `.busBusy` (a babbling device must not block the bus forever).
    public var maximumSilenceWaitMilliseconds: Int
    /// When at least a whole reply's worth of bytes arrived but no valid reply was framed (a CRC
    /// error), end the attempt once the bus has been quiet this long rather than at the response
    /// timeout; 0 (the default) disables the early end. Opt-in because it is a gamble: if the
    /// bytes were noise or a foreign frame and the real reply is still coming, the retry collides
    /// with it, and a reply to the abandoned attempt can later be taken for the reply to the next
    /// request to the same slave (RTU has no transaction id). The seeded noisy-bus property test
    /// found exactly that. Use it only on buses whose slaves answer faster than this silence.
    /// When used, keep it above a USB adapter's latency timer (FTDI: 16 ms).
    public var badFrameSilenceMilliseconds: Int

    public init(busName: String, responseTimeoutMilliseconds: Int = 1000, retries: Int = 2,
                broadcastTurnaroundMilliseconds: Int = 100, discardEcho: Bool = false,
                maximumSilenceWaitMilliseconds: Int = 1000, badFrameSilenceMilliseconds: Int = 0) {
        self.busName = busName
        self.responseTimeoutMilliseconds = responseTimeoutMilliseconds
        self.retries = retries
        self.broadcastTurnaroundMilliseconds = broadcastTurnaroundMilliseconds
        self.discardEcho = discardEcho
        self.maximumSilenceWaitMilliseconds = maximumSilenceWaitMilliseconds
        self.badFrameSilenceMilliseconds = badFrameSilenceMilliseconds
    }
}
