import AgentCore
import DeviceIO
import FieldBus

/// One transport as `BusPoller.poll` drives it: open, poll the next request, and clean up after
/// a port failure.
protocol BusPollSession {
    /// "bus NAME (serial port PATH)": the start of every outage reason.
    var place: String { get }
    /// False until `open()` worked, and again after `closeAfterFailure`.
    var isOpen: Bool { get }
    /// Whether the device is reachable now: the serial port is open, or the TCP session
    /// connected since its last failure.
    var isConnected: Bool { get }
    mutating func open() throws(BusOpenFailure)
    /// The runner's `pollNext`; throws port failures only (device failures are results).
    mutating func pollNext(_ schedule: inout PollSchedule) throws(FieldBusError) -> [PollResult]?
    /// After `pollNext` threw: releases what failed and says when to try again (`backoff` is
    /// the poller's, for transports that do not back off by themselves).
    mutating func closeAfterFailure(_ backoff: inout ReconnectBackoff, now: MonotonicInstant) -> MonotonicInstant
}

/// A serial bus: the poller opens the port and its direction line, and after a port failure
/// closes both and opens fresh ones on the same runner (`reopened`), whose t3.5 count restarts.
struct SerialPollSession: BusPollSession {
    let place: String
    let serial: BusConfig.Serial
    let portOverride: String?
    let master: SerialMasterSettings
    private var runner: BusPortOpener.SerialRunner?
    private(set) var isOpen = false

    init(_ setup: BusPollerSetup, _ serial: BusConfig.Serial) {
        self.place = "bus \(setup.config.name) (serial port \(setup.portOverride ?? serial.port))"
        self.serial = serial
        self.portOverride = setup.portOverride
        self.master = BusPortOpener.serialMaster(setup.config)
    }

    var isConnected: Bool { isOpen }

    mutating func open() throws(BusOpenFailure) {
        let settings: SerialPortSettings
        do throws(DeviceIOError) {
            settings = try BusPortOpener.portSettings(serial, pathOverride: portOverride)
            if runner != nil {
                let opened = try BusPortOpener.openSerial(settings, direction: serial.direction)
                runner?.reopened(link: opened.port, direction: opened.direction)
                isOpen = true
                return
            }
        } catch {
            throw .device(error)
        }
        runner = try BusPortOpener.serialRunner(settings, direction: serial.direction, master: master,
                                                guardMicroseconds: serial.guardMicroseconds)
        isOpen = true
    }

    mutating func pollNext(_ schedule: inout PollSchedule) throws(FieldBusError) -> [PollResult]? {
        try runner?.pollNext(&schedule)
    }

    /// Closes the port and drops the direction control (a GPIO line is released, so it can be
    /// requested again on reopening); the poller's back-off says when.
    mutating func closeAfterFailure(_ backoff: inout ReconnectBackoff, now: MonotonicInstant) -> MonotonicInstant {
        runner?.link.close()
        runner?.direction = .none(NoDirection())
        isOpen = false
        return backoff.recordFailure(at: now)
    }
}

/// A TCP bus (Modbus TCP or RTU over TCP): "opening" only builds the runner, which connects on
/// its first request and reconnects by itself with its own back-off (`reopenPolicy` too).
struct StreamPollSession: BusPollSession {
    let place: String
    let config: BusConfig
    let host: String
    let port: Int
    let framing: StreamFraming
    let seed: UInt64
    private var runner: BusPortOpener.StreamRunner?

    init(_ setup: BusPollerSetup, host: String, port: Int, framing: StreamFraming) {
        let endpoint = (try? BusPortOpener.endpoint(host: host, port: port))?.description ?? "\(host):\(port)"
        self.place = "bus \(setup.config.name) (\(framing == .modbusTCP ? "Modbus TCP" : "RTU over TCP") \(endpoint))"
        self.config = setup.config
        self.host = host
        self.port = port
        self.framing = framing
        self.seed = UInt64(max(0, setup.index))
    }

    var isOpen: Bool { runner != nil }

    /// Connected since the last connection failure, by at least one transaction.
    var isConnected: Bool {
        guard let runner else { return false }
        return runner.backoff.consecutiveFailures == 0 && runner.statistics.transactions > 0
    }

    mutating func open() throws(BusOpenFailure) {
        do throws(DeviceIOError) {
            let endpoint = try BusPortOpener.endpoint(host: host, port: port)
            runner = BusPortOpener.streamRunner(endpoint, master: BusPortOpener.streamMaster(config, backoff: BusPoller.reopenPolicy),
                                                seed: seed)
        } catch {
            throw .device(error)
        }
    }

    mutating func pollNext(_ schedule: inout PollSchedule) throws(FieldBusError) -> [PollResult]? {
        try runner?.pollNext(&schedule, framing: framing)
    }

    /// The runner already closed the connection and counted the failure in its back-off.
    mutating func closeAfterFailure(_ backoff: inout ReconnectBackoff, now: MonotonicInstant) -> MonotonicInstant {
        runner?.backoff.notBefore ?? backoff.recordFailure(at: now)
    }
}
