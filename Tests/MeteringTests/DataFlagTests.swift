import Testing
@testable import Metering

@Suite struct DataFlagTests {
    @Test func lettersAreHJ212Table8() {
        let letters = String(DataFlag.allCases.map(\.letter))
        #expect(letters == "NFMSDCTB")
        for flag in DataFlag.allCases {
            #expect(DataFlag(letter: flag.letter) == flag)
        }
        #expect(DataFlag(letter: "X") == nil)
        #expect(DataFlag(letter: "n") == nil)
    }

    @Test func onlyMeasuredAndOperatorSetValuesCountAsValid() {
        #expect(DataFlag.allCases.filter(\.countsAsValid) == [.normal, .manual])
    }
}
