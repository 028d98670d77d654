@testable import DeviceIO
import Glibc
import Testing

/// The notify protocol against a datagram socket the test binds itself, at a path and at an
/// abstract name, as systemd would.
@Suite struct SystemdNotifierTests {
    /// A bound AF_UNIX datagram socket at `address` (`/path` or `@name`); `body` gets its descriptor.
    private func withReceiver(_ address: String, _ body: (Int32) throws -> Void) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        let result = try NotifySocketAddress(address).withSockaddr { pointer, length in bind(fd, pointer, length) }
        #expect(result == 0, "bind \(address): errno \(errno)")
        defer { if address.hasPrefix("/") { unlink(address) } }
        try body(fd)
    }

    /// The next datagram, or nil when none is queued (sendto on AF_UNIX queues before it returns).
    private func receive(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        return count < 0 ? nil : String(decoding: buffer[0..<count], as: UTF8.self)
    }

    private func environment(_ variables: [String: String]) -> SystemdNotifier.Environment {
        { variables[$0] }
    }

    private func sendEverything(_ notifier: SystemdNotifier) throws {
        try notifier.ready()
        try notifier.kick()
        try notifier.status("polling 3 meters\non 2 buses")
        try notifier.reloading()
        try notifier.stopping()
    }

    private let expected = ["READY=1", "WATCHDOG=1", "STATUS=polling 3 meters on 2 buses", "RELOADING=1", "STOPPING=1"]

    @Test func sendsEachMessageAsOneDatagramToAPathSocket() throws {
        let path = FileBlockDeviceTests.temporaryPath("notify")
        try withReceiver(path) { fd in
            let notifier = try SystemdNotifier(environment: environment(["NOTIFY_SOCKET": path]))
            #expect(notifier.isEnabled)
            try sendEverything(notifier)
            #expect(expected.map { _ in receive(fd) } == expected)
            #expect(receive(fd) == nil)
        }
    }

    @Test func sendsToAnAbstractSocket() throws {
        let address = "@cmmgate-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try withReceiver(address) { fd in
            let notifier = try SystemdNotifier(environment: environment(["NOTIFY_SOCKET": address]))
            try sendEverything(notifier)
            #expect(expected.map { _ in receive(fd) } == expected)
        }
    }

    @Test func withoutTheVariableNothingIsSent() throws {
        for variables in [[:], ["NOTIFY_SOCKET": ""]] {
            let notifier = try SystemdNotifier(environment: environment(variables))
            #expect(!notifier.isEnabled)
            try sendEverything(notifier)
        }
    }

    @Test func aMissingPeerIsAnErrorNamingTheSocketAndTheMessage() throws {
        let path = FileBlockDeviceTests.temporaryPath("notify-absent")
        let notifier = try SystemdNotifier(address: path)
        do {
            try notifier.kick()
            Issue.record("sent to nobody")
        } catch {
            #expect(error.message.contains(path) && error.message.contains("WATCHDOG=1"))
            #expect(error.errno == ENOENT)
        }
    }

    @Test func addressesThatAreNotAPathOrAnAbstractNameAreRefused() {
        #expect(throws: DeviceIOError.self) { try SystemdNotifier(address: "vsock:2:1234") }
        #expect(throws: DeviceIOError.self) { try SystemdNotifier(address: "@") }
        #expect(throws: DeviceIOError.self) { try SystemdNotifier(address: "/" + String(repeating: "x", count: 107)) }
        #expect((try? NotifySocketAddress("/" + String(repeating: "x", count: 106))) != nil, "107 bytes and the NUL fit")
        #expect((try? NotifySocketAddress("@" + String(repeating: "x", count: 107))) != nil, "abstract: no NUL")
    }

    @Test func theAbstractAddressLengthCountsTheNameOnly() throws {
        let lengths = try ["/run/x", "@run/x"].map { text in
            try NotifySocketAddress(text).withSockaddr { pointer, length in
                #expect(pointer.pointee.sa_family == sa_family_t(AF_UNIX))
                return Int(length)
            }
        }
        #expect(lengths == [2 + 7, 2 + 6])
    }

    @Test func watchdogTimeoutComesFromWatchdogUsecForThisProcessOnly() {
        let pid: Int32 = 4242
        #expect(SystemdNotifier.watchdogTimeoutMicroseconds(environment: environment(["WATCHDOG_USEC": "30000000"]),
                                                            pid: pid) == 30_000_000)
        #expect(SystemdNotifier.watchdogTimeoutMicroseconds(
            environment: environment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4242"]), pid: pid) == 30_000_000)
        #expect(SystemdNotifier.watchdogTimeoutMicroseconds(
            environment: environment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"]), pid: pid) == nil)
        for bad in ["", "0", "-5", "30s", "99999999999999999999999"] {
            #expect(SystemdNotifier.watchdogTimeoutMicroseconds(environment: environment(["WATCHDOG_USEC": bad]),
                                                                pid: pid) == nil, "\(bad)")
        }
        #expect(SystemdNotifier.watchdogTimeoutMicroseconds(environment: environment([:]), pid: pid) == nil)
    }
}
