import AgentCore
import Testing

@Suite("DaemonServiceSupervisor")
struct DaemonServiceSupervisorTests {
    struct Failure: Error, Equatable {
        var reason: String
    }

    /// Records every step in order; `failing` names the starts and stops that throw.
    final class Script {
        var steps: [String] = []
        var failingStarts: Set<String> = []
        var failingStops: Set<String> = []

        func services(_ names: [String]) -> [ServiceSupervisor<Failure>.Service] {
            names.map { name in
                ServiceSupervisor<Failure>.Service(
                    name: name,
                    start: { () throws(Failure) in
                        self.steps.append("start \(name)")
                        if self.failingStarts.contains(name) { throw Failure(reason: "\(name) cannot start") }
                    },
                    stop: { () throws(Failure) in
                        self.steps.append("stop \(name)")
                        if self.failingStops.contains(name) { throw Failure(reason: "\(name) cannot stop") }
                    })
            }
        }
    }

    @Test func startsInOrderAndStopsInReverse() {
        let script = Script()
        var supervisor = ServiceSupervisor(script.services(["journal", "pollers", "assembler", "statistics"]))
        guard case .started = supervisor.startAll() else {
            Issue.record("did not start")
            return
        }
        #expect(supervisor.running == ["journal", "pollers", "assembler", "statistics"])
        #expect(supervisor.stopAll().isEmpty)
        #expect(script.steps == ["start journal", "start pollers", "start assembler", "start statistics",
                                 "stop statistics", "stop assembler", "stop pollers", "stop journal"])
        #expect(supervisor.running.isEmpty)
        #expect(supervisor.stopAll().isEmpty, "stopping twice stops nothing twice")
        #expect(script.steps.count == 8)
    }

    @Test func aStartFailureStopsWhatWasStartedInReverseAndSaysWhichAndWhy() {
        let script = Script()
        script.failingStarts = ["assembler"]
        var supervisor = ServiceSupervisor(script.services(["journal", "pollers", "assembler", "statistics"]))
        guard case .failed(let fault, let rollbackFaults) = supervisor.startAll() else {
            Issue.record("started despite a failing service")
            return
        }
        #expect(fault.service == "assembler")
        #expect(fault.error == Failure(reason: "assembler cannot start"))
        #expect(rollbackFaults.isEmpty)
        #expect(script.steps == ["start journal", "start pollers", "start assembler", "stop pollers", "stop journal"])
        #expect(supervisor.running.isEmpty)
    }

    @Test func aFailingStopIsReportedAndTheOthersStillStop() {
        let script = Script()
        script.failingStops = ["pollers"]
        var supervisor = ServiceSupervisor(script.services(["journal", "pollers", "assembler"]))
        _ = supervisor.startAll()
        let faults = supervisor.stopAll()
        #expect(faults.map(\.service) == ["pollers"])
        #expect(faults.map(\.error) == [Failure(reason: "pollers cannot stop")])
        #expect(script.steps.suffix(3) == ["stop assembler", "stop pollers", "stop journal"])
    }

    @Test func rollbackFaultsAreReportedWithTheStartFailure() {
        let script = Script()
        script.failingStarts = ["statistics"]
        script.failingStops = ["journal"]
        var supervisor = ServiceSupervisor(script.services(["journal", "pollers", "statistics"]))
        guard case .failed(let fault, let rollbackFaults) = supervisor.startAll() else {
            Issue.record("started despite a failing service")
            return
        }
        #expect(fault.service == "statistics")
        #expect(rollbackFaults.map(\.service) == ["journal"])
    }

    @Test func theFirstServiceFailingStartsNothingAndStopsNothing() {
        let script = Script()
        script.failingStarts = ["journal"]
        var supervisor = ServiceSupervisor(script.services(["journal", "pollers"]))
        guard case .failed(let fault, _) = supervisor.startAll() else {
            Issue.record("started despite a failing service")
            return
        }
        #expect(fault.service == "journal")
        #expect(script.steps == ["start journal"])
    }
}
