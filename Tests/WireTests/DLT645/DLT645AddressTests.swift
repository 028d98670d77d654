import Testing
@testable import Wire

@Suite("DL/T 645-2007 address")
struct DLT645AddressTests {
    @Test func digitsAreSentLowByteFirst() throws {
        let address = try DLT645Address("123456789012")
        #expect(address.wireBytes == [0x12, 0x90, 0x78, 0x56, 0x34, 0x12])
        #expect(address.digits == "123456789012")
        #expect(address.note == nil && address.isWellFormed)
    }

    @Test func shortNumbersArePaddedWithZeros() throws {
        let address = try DLT645Address("1234")
        #expect(address.wireBytes == [0x34, 0x12, 0, 0, 0, 0])
        #expect(address.digits == "000000001234")
    }

    @Test func wildcardBroadcastAndPartialWildcard() throws {
        #expect(try DLT645Address("aaaaaaaaaaaa") == .wildcard)
        #expect(DLT645Address.wildcard.isWildcard && !DLT645Address.wildcard.hasPartialWildcard)
        #expect(try DLT645Address("999999999999").isBroadcast)
        let partial = try DLT645Address("1234AAAAAAAA")
        #expect(partial.wireBytes == [0xAA, 0xAA, 0xAA, 0xAA, 0x34, 0x12])
        #expect(partial.hasPartialWildcard && partial.isWellFormed && !partial.isWildcard)
        #expect(partial.note?.contains("partial wildcard") == true)
    }

    @Test func badTextNamesTheCharacter() {
        #expect(throws: WireError(.badValue, "a DL/T 645 address has 1 to 12 digits, got 13 characters")) {
            try DLT645Address("1234567890123")
        }
        do {
            _ = try DLT645Address("12345x789012")
            Issue.record("accepted a non-digit")
        } catch {
            #expect(error.code == .badValue && error.offset == 5)
        }
        #expect(throws: WireError.self) { try DLT645Address("12A4") }
        #expect(throws: WireError.self) { try DLT645Address("") }
        #expect(throws: WireError.self) { try DLT645Address(wireBytes: [1, 2, 3]) }
    }

    @Test func receivedNonBCDBytesAreKeptAndFlagged() throws {
        let address = try DLT645Address(wireBytes: [0x1F, 0, 0, 0, 0, 0])
        #expect(!address.isWellFormed)
        #expect(address.digits == "00000000001F")
    }
}
