import Testing
@testable import cmmgate_relay

struct RelayCommandTests {
    @Test func theUsageNamesEveryCommand() {
        #expect(RelayUsage.text.hasPrefix("usage: cmmgate-relay serve --config FILE"))
        for command in ["report --db FILE --site MN --day", "export --db FILE --site MN --from", "help"] {
            #expect(RelayUsage.text.contains("cmmgate-relay " + command))
        }
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

struct CSVWriterTests {
    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(CSVWriter.escape("plain") == "plain")
        #expect(CSVWriter.escape("a,b") == "\"a,b\"" && CSVWriter.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.escape("two\nlines") == "\"two\nlines\"")
    }

    @Test func numbersReadBackExactly() {
        #expect(CSVWriter.number(1500) == "1500" && CSVWriter.number(-3) == "-3" && CSVWriter.number(nil) == "")
        #expect(CSVWriter.number(2.5) == "2.5" && CSVWriter.number(0.1) == "0.1" && Double(CSVWriter.number(1.0 / 3)) == 1.0 / 3)
    }
}
