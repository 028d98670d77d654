@testable import AgentCore
@testable import cmmgate
import FieldBus
import Testing

/// The daemon's bus poller on a Modbus TCP bus against a server on 127.0.0.1.
@Suite(.serialized) struct BusPollerTCPTests {
    static func tcpBus(port: Int) -> BusConfig {
        BusConfig(name: "plc1", transport: .modbusTCP(host: "127.0.0.1", port: port), responseTimeoutMilliseconds: 500,
                  retries: 0, line: 1)
    }

    @Test func aConfiguredReadIsPolledOverModbusTCP() throws {
        let server = TCPSlave()
        try server.listen()
        let setup = BusPollerSetup(index: 4, config: Self.tcpBus(port: server.port), requests: try BusPollerTests.flowRequests(),
                                   portOverride: nil)
        let (reports, _) = try BusPollerTests.collect(setup, until: { BusPollerTests.polled($0).count >= 3 })
        let polls = BusPollerTests.polled(reports)
        try #require(polls.count >= 3)
        for results in polls { #expect(try results[0].result.get().value == .registers([100, 101])) }
        #expect(BusPollerTests.outages(reports).isEmpty)
        #expect(reports.allSatisfy { $0.bus == 4 })
    }

    @Test func aRefusedEndpointIsOneOutageUntilItListensThenRestoredAndPolled() throws {
        let server = TCPSlave()  // bound, not listening: connecting is refused
        let setup = BusPollerSetup(index: 0, config: Self.tcpBus(port: server.port), requests: try BusPollerTests.flowRequests(),
                                   portOverride: nil)
        var listening = false
        let (reports, _) = try BusPollerTests.collect(setup, until: { BusPollerTests.polled($0).count >= 2 }, meanwhile: { reports in
            // Listen once a few liveness reports show the poller backing off after the refusal.
            let alive = reports.filter { if case .alive = $0 { return true } else { return false } }.count
            if !listening, alive >= 3 {
                try? server.listen()
                listening = true
            }
        })
        let reasons = BusPollerTests.outages(reports)
        #expect(reasons.count == 1)
        let reason = try #require(reasons.first)
        #expect(reason.contains("bus plc1 (Modbus TCP 127.0.0.1:\(server.port))"), "\(reason)")
        #expect(reason.contains("notConnected"), "\(reason)")
        #expect(BusPollerTests.restores(reports) == 1)
        let order = reports.compactMap { report -> String? in
            switch report {
            case .outage: return "outage"
            case .restored: return "restored"
            case .polled: return "polled"
            case .alive: return nil
            }
        }
        #expect(order.prefix(3) == ["outage", "restored", "polled"])
    }
}
