@testable import DeviceIO
import CLinuxShim
import Testing

@Suite struct ClockSyncStatusTests {
    @Test func theKernelAnswers() throws {
        let status = try ClockSyncStatus.read()
        #expect((0...5).contains(status.state))
        #expect(status.synchronised == ClockSyncStatus.isSynchronised(state: status.state, status: status.status))
        #expect(status.description.contains("adjtimex state \(status.state)"))
    }

    @Test func theConstantsAreTheKernelHeaders() {
        // sys/timex.h: TIME_ERROR 5, STA_UNSYNC 0x0040.
        #expect(cmmgate_time_error == 5)
        #expect(cmmgate_sta_unsync == 0x40)
    }

    @Test func synchronisedMeansNoTimeErrorAndNoUnsyncBit() {
        let staPLL: Int32 = 0x1
        let staUnsync: Int32 = 0x40
        let staNano: Int32 = 0x2000
        #expect(ClockSyncStatus.isSynchronised(state: 0, status: staPLL))           // TIME_OK, chrony/ntpd running
        #expect(ClockSyncStatus.isSynchronised(state: 0, status: staPLL | staNano))
        #expect(ClockSyncStatus.isSynchronised(state: 1, status: staPLL))           // TIME_INS: leap second ahead
        #expect(!ClockSyncStatus.isSynchronised(state: 5, status: staUnsync))       // just booted
        #expect(!ClockSyncStatus.isSynchronised(state: 0, status: staPLL | staUnsync))
        #expect(!ClockSyncStatus.isSynchronised(state: 5, status: staPLL))          // TIME_ERROR alone
        #expect(ClockSyncStatus(state: 5, status: 0x41).description
            == "not synchronised (adjtimex state 5, status 0x41, max error 0 µs)")
    }
}
