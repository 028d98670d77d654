/// Starts the daemon's services in dependency order and stops them in reverse (design brief:
/// journal, pollers, assembler, statistics, later uplinks and shell).
///
/// Generic over the services' error type (the daemon's is `DeviceIOError`, its services touch
/// devices), so this pure module names no effectful type. A start failure stops the services
/// already started, in reverse, and reports which one failed and why; nothing is left half up.
/// A stop failure does not stop the others from stopping: every failure is reported.
public struct ServiceSupervisor<Failure: Error> {
    /// One service: a name for logs and two steps. `stop` is called only after `start` succeeded.
    public struct Service {
        public var name: String
        public var start: () throws(Failure) -> Void
        public var stop: () throws(Failure) -> Void

        public init(name: String, start: @escaping () throws(Failure) -> Void,
                    stop: @escaping () throws(Failure) -> Void) {
            self.name = name
            self.start = start
            self.stop = stop
        }
    }

    /// A service's failure, named.
    public struct Fault {
        public var service: String
        public var error: Failure
    }

    /// The result of `startAll()`.
    public enum StartOutcome {
        /// Every service is running.
        case started
        /// `failure` stopped the start; the services started before it were stopped again, in
        /// reverse, and `rollbackFaults` lists those whose stop failed too.
        case failed(Fault, rollbackFaults: [Fault])
    }

    /// The services in dependency order (each may use the ones before it).
    public let services: [Service]
    /// How many of `services` (a prefix) are running.
    public private(set) var runningCount = 0

    public init(_ services: [Service]) { self.services = services }

    /// The names of the running services, in start order.
    public var running: [String] { services.prefix(runningCount).map(\.name) }

    /// Starts the services not yet running, in order.
    public mutating func startAll() -> StartOutcome {
        while runningCount < services.count {
            let service = services[runningCount]
            do throws(Failure) {
                try service.start()
            } catch {
                return .failed(Fault(service: service.name, error: error), rollbackFaults: stopAll())
            }
            runningCount += 1
        }
        return .started
    }

    /// Stops the running services in reverse order; returns the stops that failed (the service is
    /// counted as stopped either way: a stop is not retried).
    public mutating func stopAll() -> [Fault] {
        var faults: [Fault] = []
        while runningCount > 0 {
            runningCount -= 1
            let service = services[runningCount]
            do throws(Failure) {
                try service.stop()
            } catch {
                faults.append(Fault(service: service.name, error: error))
            }
        }
        return faults
    }
}
