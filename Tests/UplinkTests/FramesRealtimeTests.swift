import AgentCore
import Journal
import Metering
import Testing
import Uplink
import Wire

/// Real-time records as CN 2011: DataTime in local time, values with their flags, missing values
/// as a flag alone, the real-time interval, and the header per profile.
@Suite("Uplink frames: real-time (CN 2011)")
struct FramesRealtimeTests {
    static let values = [FlaggedValue(value: 1234.5678, flag: .normal), FlaggedValue(value: 4.6, flag: .overRange),
                         FlaggedValue(value: nil, flag: .communication)]

    @Test func aRecordIsOne2011SegmentWithLocalDataTimeValuesAndFlags() throws {
        let site = try FramesFixtures.site()
        let message = try #require(try FramesFixtures.builder(site).message(for: FramesFixtures.realtime(site, values: Self.values)))
        #expect(message.sequence == 7 && message.isRealtime)
        #expect(message.timestampMilliseconds == FramesFixtures.second * 1000)
        #expect(try FramesFixtures.onlyCP(message)
                == "DataTime=20260102110405;p01-flow-Rtd=1234.568,p01-flow-Flag=N;p01-ch4-Rtd=4.600,p01-ch4-Flag=T;"
                + "e01-gen-Flag=B")
        #expect(try message.segments[0].encoded()
                == "ST=31;CN=2011;PW=123456;MN=\(FramesFixtures.mn);Flag=4;CP=&&DataTime=20260102110405;"
                + "p01-flow-Rtd=1234.568,p01-flow-Flag=N;p01-ch4-Rtd=4.600,p01-ch4-Flag=T;e01-gen-Flag=B&&")
        try FramesFixtures.roundTrip(message)
    }

    @Test func missingValuesKeepTheirFlagAndNeverANumber() throws {
        let site = try FramesFixtures.site()
        let values = [FlaggedValue(value: nil, flag: .fault), FlaggedValue(value: nil, flag: .stopped),
                      FlaggedValue(value: 0, flag: .manual)]
        let message = try FramesFixtures.builder(site).message(for: FramesFixtures.realtime(site, values: values))
        #expect(try FramesFixtures.onlyCP(message)
                == "DataTime=20260102110405;p01-flow-Flag=D;p01-ch4-Flag=F;e01-gen-Rtd=0.000,e01-gen-Flag=S")
    }

    @Test func aValueBeyondN14IsSentAsAFaultWithoutItsNumber() throws {
        let site = try FramesFixtures.site()
        let values = [FlaggedValue(value: 1e15, flag: .normal), FlaggedValue(value: -0.0004, flag: .normal),
                      FlaggedValue(value: 1e-7, flag: .normal)]
        let message = try FramesFixtures.builder(site).message(for: FramesFixtures.realtime(site, values: values))
        #expect(try FramesFixtures.onlyCP(message)
                == "DataTime=20260102110405;p01-flow-Flag=D;p01-ch4-Rtd=0.000,p01-ch4-Flag=N;"
                + "e01-gen-Rtd=0.000,e01-gen-Flag=N")
    }

    @Test func decimalsFollowTheUplink() throws {
        let site = try FramesFixtures.site(uplinkLines: ["decimals = 0"])
        let values = [FlaggedValue(value: 2.5, flag: .normal), FlaggedValue(value: -2.5, flag: .normal),
                      FlaggedValue(value: 99.49, flag: .normal)]
        let message = try FramesFixtures.builder(site).message(for: FramesFixtures.realtime(site, values: values))
        #expect(try FramesFixtures.onlyCP(message)
                == "DataTime=20260102110405;p01-flow-Rtd=3,p01-flow-Flag=N;p01-ch4-Rtd=-3,p01-ch4-Flag=N;"
                + "e01-gen-Rtd=99,e01-gen-Flag=N")
    }

    @Test func dataTimeIsLocalAcrossMidnightAndInAnotherOffset() throws {
        let site = try FramesFixtures.site()
        // 2025-12-31 16:00:00 UTC is 2026-01-01 00:00:00 at +08:00.
        let message = try FramesFixtures.builder(site).message(
            for: FramesFixtures.realtime(site, second: 1_767_196_800, values: Self.values))
        #expect(try FramesFixtures.onlyCP(message).hasPrefix("DataTime=20260101000000;"))
        #expect(try UplinkLocalTime.timestamp(unixSeconds: FramesFixtures.second, utcOffsetMinutes: -330).text14
                == "20260101213405")
        #expect(try UplinkLocalTime.timestamp(unixSeconds: -1, utcOffsetMinutes: 0).text14 == "19691231235959")
    }

    @Test func localTimesConvertBackToTheSameUTCSecond() throws {
        for offset in [-720, -330, 0, 480, 840] {
            for second: Int64 in [0, 951_782_400, 1_767_323_045, 4_102_444_799, -86_401] {
                let local = try UplinkLocalTime.timestamp(unixSeconds: second, utcOffsetMinutes: offset)
                #expect(UplinkLocalTime.unixSeconds(of: local, utcOffsetMinutes: offset) == second)
            }
        }
        // 2000-02-29 is a leap day; 1900 had none and 2100 will have none.
        let leap = try UplinkLocalTime.timestamp(unixSeconds: 951_782_400, utcOffsetMinutes: 0)
        #expect(leap.text14 == "20000229000000")
    }

    @Test func aLongerIntervalSendsOnlyTheSecondsOnItsMultiplesInLocalTime() throws {
        let site = try FramesFixtures.site(uplinkLines: ["realtime_interval_s = 30"])
        var builder = try FramesFixtures.builder(site)
        // 11:04:05 local is not on a 30-s boundary; 11:04:30 is.
        #expect(try builder.message(for: FramesFixtures.realtime(site, values: Self.values)) == nil)
        let onBoundary = FramesFixtures.realtime(site, second: FramesFixtures.second + 25, values: Self.values)
        #expect(try FramesFixtures.onlyCP(builder.message(for: onBoundary)).hasPrefix("DataTime=20260102110430;"))
        builder.realtimeIntervalSeconds = 1  // CN 1062 changes it
        #expect(try builder.message(for: FramesFixtures.realtime(site, values: Self.values)) != nil)
        #expect(builder.sendsRealtime(atSecond: FramesFixtures.second))
    }

    @Test func theProfileSetsTheVersionBitsAndResendSetsRFOnlyIn2025() throws {
        let site2017 = try FramesFixtures.site()
        let record2017 = FramesFixtures.realtime(site2017, values: Self.values)
        let resent2017 = try #require(try FramesFixtures.builder(site2017).message(for: record2017, resend: true))
        #expect(resent2017.segments[0].header.flag == HJ212Flag(rawValue: 4))
        #expect(!resent2017.segments[0].header.resend)

        let site = try FramesFixtures.site(uplinkLines: ["profile = 2025"])
        let record = FramesFixtures.realtime(site, values: Self.values)
        let live = try #require(try FramesFixtures.builder(site).message(for: record))
        let resent = try #require(try FramesFixtures.builder(site).message(for: record, resend: true))
        #expect(live.segments[0].header.flag == HJ212Flag(rawValue: 8) && !live.segments[0].header.resend)
        #expect(try resent.segments[0].header.encoded() == "ST=31;CN=2011;PW=123456;MN=\(FramesFixtures.mn);Flag=8;RF=1;")
        #expect(try resent.segments[0].cp.encoded() == live.segments[0].cp.encoded())
        try FramesFixtures.roundTrip(resent)
    }

    @Test func aPasswordChangedByThePlatformIsUsed() throws {
        let site = try FramesFixtures.site()
        var builder = try FramesFixtures.builder(site)
        builder.password = "654321"
        let message = try #require(try builder.message(for: FramesFixtures.realtime(site, values: Self.values)))
        #expect(message.segments[0].header.pw == "654321")
    }

    @Test func aRecordOfAnotherParameterListIsRefusedWithItsContext() throws {
        let site = try FramesFixtures.site()
        let other = try FramesFixtures.site(extra: 1)
        let record = FramesFixtures.realtime(other, values: Self.values + [FlaggedValue(value: 1, flag: .normal)])
        #expect {
            try FramesFixtures.builder(site).message(for: record)
        } throws: { error in
            guard let error = error as? UplinkFrameError else { return false }
            return error.code == .foreignConfiguration && error.context == "record 7 (realtime)"
        }
        var garbled = FramesFixtures.realtime(site, values: Self.values)
        garbled.payload.removeLast()
        #expect(throws: UplinkFrameError.self) { try FramesFixtures.builder(site).message(for: garbled) }
    }
}
