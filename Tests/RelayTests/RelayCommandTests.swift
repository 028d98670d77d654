import Testing
@testable import cmmgate_relay

struct RelayCommandTests {
    @Test func theUsageNamesEveryCommand() {
        #expect(RelayUsage.text.hasPrefix("usage: cmmgate-relay serve --config FILE"))
    }

    @Test func argumentsAreStrict() throws {
        let options = try RelayArguments(["--config", "a.conf", "--db=x.db"], valueOptions: ["config", "db"])
        #expect(options.value("config") == "a.conf" && options.value("db") == "x.db")
        #expect(throws: RelayError.self) { try RelayArguments(["--colour", "blue"], valueOptions: ["config"]) }
        #expect(throws: RelayError.self) { try RelayArguments(["--config"], valueOptions: ["config"]) }
        #expect(throws: RelayError.self) { try RelayArguments(["stray"], valueOptions: []) }
        #expect(throws: RelayError.self) { try RelayArguments([], valueOptions: ["config"]).required("config") }
    }
}
