/// How a master runs transactions over a TCP byte stream (Modbus TCP, or RTU over TCP to a
/// serial device server).
public struct StreamMasterSettings: Sendable, Equatable {
    public var busName: String
    public var connectTimeoutMilliseconds: Int
    public var responseTimeoutMilliseconds: Int
    /// Further attempts after a timeout (not after an exception or a lost connection).
    public var retries: Int
    /// Back-off between reconnect attempts after failures.
    public var backoff: BackoffPolicy

    public init(busName: String, connectTimeoutMilliseconds: Int = 3000, responseTimeoutMilliseconds: Int = 1000,
                retries: Int = 1, backoff: BackoffPolicy = BackoffPolicy()) {
        self.busName = busName
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.responseTimeoutMilliseconds = responseTimeoutMilliseconds
        self.retries = retries
        self.backoff = backoff
    }
}
