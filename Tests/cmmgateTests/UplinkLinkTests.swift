import Testing
@testable import cmmgate

/// Which commands the uplink encrypts under HJ 212-2025 §6.4 when an SM4 key is configured.
struct UplinkLinkEncryptionTests {
    @Test func dataCommandsTheKeyUpdateAndSiteInformationAreEncryptedRepliesAreNot() {
        for cn in ["2011", "2051", "2061", "2031", "2072", "2999", "1014", "3020"] {
            #expect(UplinkLink.mustEncrypt(cn), "\(cn)")
        }
        for cn in ["9011", "9012", "9014", "9015", "1011", "1061", "3019", "x"] {
            #expect(!UplinkLink.mustEncrypt(cn), "\(cn)")
        }
    }
}

/// The 1014 key a platform sends, as the daemon reads it before storing it.
struct UplinkKeyUpdateTests {
    @Test func sixteenCharactersOrThirtyTwoHexDigitsMakeAKey() {
        #expect(AgentDaemon.keyBytes("0000000000000000") == Array(repeating: 0x30, count: 16))
        #expect(AgentDaemon.keyBytes("30303030303030303030303030303030") == Array(repeating: 0x30, count: 16))
        #expect(AgentDaemon.keyBytes("0123456789abcdefFEDCBA9876543210")?.first == 0x01)
        #expect(AgentDaemon.keyBytes("short") == nil)
        #expect(AgentDaemon.keyBytes("zz303030303030303030303030303030") == nil)
    }
}
