import Testing
@testable import Metering

@Suite struct CrossCheckMonitorTests {
    /// Runs `steps` (inlet flows, reference) from second 1000 on and returns the actions by second.
    static func run(_ monitor: inout CrossCheckMonitor, _ steps: [([Measured?], Measured?)],
                    from start: Int64 = 1000) -> [Int64: CrossCheckAction] {
        var actions: [Int64: CrossCheckAction] = [:]
        for (offset, step) in steps.enumerated() {
            let second = start + Int64(offset)
            if let action = monitor.observe(second: second, inletFlows: step.0, referenceFlow: step.1) {
                actions[second] = action
            }
        }
        return actions
    }

    static func flows(_ inlets: [Double], _ reference: Double) -> ([Measured?], Measured?) {
        (inlets.map { Measured($0) }, Measured(reference))
    }

    @Test func tripsAfterExactlyDurationSecondsOfExcess() {
        var monitor = CrossCheckMonitor(tolerancePercent: 25, durationSeconds: 3)
        let excess = Self.flows([70, 56], 100)  // 126 > 125
        let actions = Self.run(&monitor, [excess, excess, excess, excess])
        #expect(actions == [1002: .tripped(since: 1000, inlet: 126, reference: 100)])
        #expect(monitor.isTripped && monitor.excessSeconds == 4 && monitor.judgedSeconds == 4)
    }

    @Test func exactlyAtTheToleranceIsWithin() {
        var monitor = CrossCheckMonitor(tolerancePercent: 25, durationSeconds: 1)
        #expect(Self.run(&monitor, Array(repeating: Self.flows([75, 50], 100), count: 10)).isEmpty)
        #expect(monitor.excessSeconds == 0)
        #expect(monitor.observe(second: 2000, inletFlows: [Measured(125.000001)], referenceFlow: Measured(100))
                    == .tripped(since: 2000, inlet: 125.000001, reference: 100))
        var strict = CrossCheckMonitor(tolerancePercent: 0, durationSeconds: 1)
        #expect(strict.observe(second: 1, inletFlows: [Measured(100)], referenceFlow: Measured(100)) == nil)
        #expect(strict.observe(second: 2, inletFlows: [Measured(100.0001)], referenceFlow: Measured(100)) != nil)
    }

    @Test func oneSecondWithinBreaksTheRun() {
        var monitor = CrossCheckMonitor(tolerancePercent: 0, durationSeconds: 3)
        let excess = Self.flows([101], 100)
        let within = Self.flows([99], 100)
        let actions = Self.run(&monitor, [excess, excess, within, excess, excess, excess])
        #expect(actions == [1005: .tripped(since: 1003, inlet: 101, reference: 100)])
    }

    @Test func clearsAfterDurationSecondsWithinAndExcessRestartsTheClearance() {
        var monitor = CrossCheckMonitor(tolerancePercent: 10, durationSeconds: 2)
        let excess = Self.flows([60, 60], 100)
        let within = Self.flows([50, 50], 100)
        let actions = Self.run(&monitor, [excess, excess, within, excess, within, within, within, excess])
        #expect(actions == [1001: .tripped(since: 1000, inlet: 120, reference: 100), 1005: .cleared(at: 1005)])
        #expect(!monitor.isTripped)
        #expect(monitor.runSince == 1007 && monitor.runLength == 1)
    }

    @Test func invalidOrMissingFlowsHoldTheState() {
        var monitor = CrossCheckMonitor(tolerancePercent: 0, durationSeconds: 3)
        let excess = Self.flows([101], 100)
        let steps: [([Measured?], Measured?)] = [
            excess,
            ([Measured(101, valid: false)], Measured(100)),  // flagged inlet
            ([nil], Measured(100)),                          // missing inlet
            ([Measured(101)], nil),                          // missing reference
            ([Measured(101)], Measured(.nan)),               // not finite
            excess,
            ([Measured(500), Measured(1, valid: false)], Measured(100)),  // one of two inlets invalid
            excess,
        ]
        let actions = Self.run(&monitor, steps)
        #expect(actions == [1007: .tripped(since: 1000, inlet: 101, reference: 100)])
        #expect(monitor.unjudgedSeconds == 5 && monitor.judgedSeconds == 3)
        // Once tripped, unjudged seconds do not clear it either.
        var later = monitor
        for second in Int64(2000)..<2010 {
            #expect(later.observe(second: second, inletFlows: [nil], referenceFlow: Measured(100)) == nil)
        }
        #expect(later.isTripped)
    }

    @Test func stoppedPumpWithInletFlowTrips() {
        var monitor = CrossCheckMonitor(tolerancePercent: 5, durationSeconds: 1)
        #expect(monitor.observe(second: 7, inletFlows: [Measured(0)], referenceFlow: Measured(0)) == nil)
        #expect(monitor.observe(second: 8, inletFlows: [Measured(0.5)], referenceFlow: Measured(0))
                    == .tripped(since: 8, inlet: 0.5, reference: 0))
        #expect(monitor.observe(second: 9, inletFlows: [], referenceFlow: Measured(0)) == .cleared(at: 9))
    }
}
