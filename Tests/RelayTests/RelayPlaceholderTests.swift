import Testing
@testable import cmmgate_relay

struct RelayUsageTests {
    @Test func theUsageNamesTheThreeCommands() {
        #expect(RelayUsage.text.hasPrefix("usage: cmmgate-relay serve"))
    }
}
