@testable import AgentCore
@testable import cmmgate
import DeviceIO
import FieldBus
import Glibc
import Testing
import Wire

/// The daemon's bus poller thread against a pseudo-terminal with a tiny Modbus RTU slave on a
/// thread of its own (register value = address), and against ports that are not there.
/// Waits are bounded only to fail instead of hanging; no duration is asserted.
@Suite(.serialized) struct BusPollerTests {
    static func serialBus(name: String = "field1", port: String = "/dev/ttyCONFIGURED") -> BusConfig {
        let serial = BusConfig.Serial(port: port, baud: 9600, parity: .none, dataBits: 8, stopBits: 1,
                                      direction: .none, guardMicroseconds: 0)
        return BusConfig(name: name, transport: .serial(serial), responseTimeoutMilliseconds: 500, retries: 0, line: 1)
    }

    static func flowRequests() throws -> [PollRequest] {
        try PollPlanner().plan([
            PollRead(id: "flow", source: .modbus(slave: 1, function: .readHoldingRegisters, address: 100, count: 2),
                     periodMilliseconds: 200),
        ])
    }

    /// Starts the poller, collects its reports until `enough` says so (or 10 s pass), then
    /// requests the stop and joins the thread.
    static func collect(_ setup: BusPollerSetup, until enough: ([BusReport]) -> Bool,
                        meanwhile: ([BusReport]) -> Void = { _ in }) throws -> (reports: [BusReport], afterStop: [BusReport]) {
        let mailbox = Mailbox<BusReport>()
        let thread = try PollerThread(name: "test-poller") { BusPoller.run(setup, mailbox: mailbox) }
        var reports: [BusReport] = []
        let clock = SystemClock()
        let giveUp = clock.now().adding(milliseconds: 10_000)
        while !enough(reports), clock.now() < giveUp {
            reports += mailbox.drainAll()
            meanwhile(reports)
            clock.sleep(microseconds: 2_000)
        }
        mailbox.requestStop()
        try thread.join()
        return (reports, mailbox.drainAll())
    }

    static func polled(_ reports: [BusReport]) -> [[PollResult]] {
        reports.compactMap { if case .polled(_, let results) = $0 { return results } else { return nil } }
    }

    static func outages(_ reports: [BusReport]) -> [String] {
        reports.compactMap { if case .outage(_, let reason, _, _) = $0 { return reason } else { return nil } }
    }

    static func restores(_ reports: [BusReport]) -> Int {
        reports.filter { if case .restored = $0 { return true } else { return false } }.count
    }

    @Test func aConfiguredReadIsPolledFromTheSlaveOnThePortOverride() throws {
        let slave = try PtySlave()
        let setup = BusPollerSetup(index: 3, config: Self.serialBus(), requests: try Self.flowRequests(),
                                   portOverride: slave.devicePath)
        let (reports, _) = try Self.collect(setup, until: { Self.polled($0).count >= 3 })
        slave.stop()
        let polls = Self.polled(reports)
        try #require(polls.count >= 3)
        for results in polls {
            #expect(results.map(\.readID) == ["flow"])
            #expect(try results[0].result.get().value == .registers([100, 101]))
        }
        #expect(reports.allSatisfy { $0.bus == 3 })
        #expect(Self.outages(reports).isEmpty)
        #expect(Self.restores(reports) == 0)
        #expect(slave.requestsServed >= 3)
    }

    @Test func aMissingPortIsOneOutageAndTheStopIsSeenWhileBackingOff() throws {
        let path = "/nonexistent/cmmgate-test-port"
        let setup = BusPollerSetup(index: 0, config: Self.serialBus(), requests: try Self.flowRequests(), portOverride: path)
        // Enough liveness reports that the 200 ms and 400 ms back-offs both passed: at least
        // three failed opens, still one outage.
        let (reports, afterStop) = try Self.collect(setup, until: { reports in
            reports.filter { if case .alive = $0 { return true } else { return false } }.count >= 6
        })
        let reasons = Self.outages(reports)
        #expect(reasons.count == 1)
        let reason = try #require(reasons.first)
        #expect(reason.contains("bus field1"))
        #expect(reason.contains(path))
        #expect(reason.contains("No such file") || reason.contains("ENOENT") || reason.contains("errno 2"), "\(reason)")
        guard case .outage = try #require(reports.first) else { Issue.record("first report \(reports[0]) is not the outage"); return }
        #expect(Self.polled(reports + afterStop).isEmpty)
        #expect(Self.outages(afterStop).isEmpty)
    }

    @Test func aPortThatAppearsLaterIsRestoredAndPolled() throws {
        let slave = try PtySlave()
        let link = "/tmp/cmmgate-bus-poller-test-\(getpid())"
        unlink(link)
        defer { unlink(link) }
        let setup = BusPollerSetup(index: 1, config: Self.serialBus(), requests: try Self.flowRequests(), portOverride: link)
        var linked = false
        let (reports, _) = try Self.collect(setup, until: { Self.polled($0).count >= 2 }, meanwhile: { reports in
            // The port appears once the outage was reported.
            if !linked, !Self.outages(reports).isEmpty {
                linked = symlink(slave.devicePath, link) == 0
            }
        })
        slave.stop()
        #expect(linked)
        #expect(Self.outages(reports).count == 1)
        #expect(Self.restores(reports) == 1)
        let order = reports.compactMap { report -> String? in
            switch report {
            case .outage: return "outage"
            case .restored: return "restored"
            case .polled: return "polled"
            case .alive: return nil
            }
        }
        #expect(order.prefix(3) == ["outage", "restored", "polled"])
        #expect(try Self.polled(reports).first?.first?.result.get().value == .registers([100, 101]))
    }

    @Test func aPortThatVanishesUnderAPollIsAnOutage() throws {
        let slave = try PtySlave()
        let setup = BusPollerSetup(index: 2, config: Self.serialBus(), requests: try Self.flowRequests(),
                                   portOverride: slave.devicePath)
        var hungUp = false
        let (reports, _) = try Self.collect(setup, until: { !Self.outages($0).isEmpty }, meanwhile: { reports in
            if !hungUp, !Self.polled(reports).isEmpty {
                slave.hangUp()  // the adapter is unplugged: the far end of the pty closes
                hungUp = true
            }
        })
        let reason = try #require(Self.outages(reports).first)
        #expect(reason.contains("serial port \(slave.devicePath)"))
        #expect(Self.restores(reports) == 0)
    }

    @Test func aBusWithoutRequestsOnlyReportsItIsAlive() throws {
        let setup = BusPollerSetup(index: 5, config: Self.serialBus(), requests: [], portOverride: "/nonexistent/port")
        let (reports, afterStop) = try Self.collect(setup, until: { $0.count >= 2 })
        #expect((reports + afterStop).allSatisfy { if case .alive(5) = $0 { return true } else { return false } })
    }
}
