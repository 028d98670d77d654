@testable import DeviceIO
import Glibc
import Testing

@Suite struct SystemCallTests {
    @Test func failureCarriesTheCallNameErrnoAndItsText() {
        #expect(throws: DeviceIOError(.systemCall, "open failed", errno: ENOENT,
                                      cause: SystemCall.errorText(ENOENT))) {
            try SystemCall.run("open") { open("/nonexistent/cmmgate", O_RDONLY) }
        }
    }

    @Test func interruptedCallsAreRetriedUnderTheRetryPolicy() throws {
        var attempts = 0
        let result = try SystemCall.run("read", policy: .retry) { () -> Int in
            attempts += 1
            if attempts < 3 {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(result == 7)
        #expect(attempts == 3)
    }

    @Test func interruptedCallsAreReportedUnderTheReportPolicy() {
        var attempts = 0
        #expect(throws: DeviceIOError.self) {
            try SystemCall.run("poll", policy: .report) { () -> Int32 in
                attempts += 1
                errno = EINTR
                return -1
            }
        }
        #expect(attempts == 1)
    }

    @Test func fileContentsReadsAWholeFileAndNamesAMissingOne() throws {
        let path = "/tmp/cmmgate-filecontents-\(getpid())"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let text = Array("key material\n".utf8)
        _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        defer { unlink(path) }
        #expect(try FileContents.read(path: path) == text)
        do {
            _ = try FileContents.read(path: path + ".missing")
            Issue.record("reading a missing file succeeded")
        } catch {
            #expect(error.code == .systemCall)
            #expect(error.message.contains(path + ".missing"))
            #expect(error.errno == ENOENT)
        }
        #expect(throws: DeviceIOError.self) { try FileContents.read(path: path, limit: 4) }
    }
}
