import CLinuxShim
import Glibc

/// The kernel's watchdog device (`/dev/watchdog`, Documentation/watchdog/watchdog-api.rst).
///
/// - open(2) with O_WRONLY|O_CLOEXEC arms the hardware: from then on the board resets unless it
///   is kicked within the timeout;
/// - WDIOC_SETTIMEOUT asks for a timeout (the driver writes back the one it applied, which may be
///   rounded or clamped), then WDIOC_GETTIMEOUT reads what the driver actually uses;
/// - `kick()` is WDIOC_KEEPALIVE; where the ioctl is not supported (ENOTTY, EINVAL, EOPNOTSUPP: a
///   driver without WDIOF_KEEPALIVEPING, or the FIFO that stands in for the device in tests) it
///   writes one NUL byte instead, which every watchdog driver takes as a kick;
/// - `close(magic:)` writes `V` before close(2) only when asked: the magic close disarms the
///   hardware (unless the kernel was built with nowayout); without it the timer keeps running and
///   the board resets unless the agent comes back in time, which is what a crash should do.
///
/// Ioctls and writes go through `SystemCall.run` with `.retry` (restartable with the same
/// arguments); close(2) with `.report` (Linux releases the descriptor even when close is
/// interrupted, so it is never retried).
public final class KernelWatchdog {
    public static let defaultPath = "/dev/watchdog"

    public let path: String
    /// The timeout the driver uses, in seconds (WDIOC_GETTIMEOUT after WDIOC_SETTIMEOUT), or nil
    /// when the device answers neither ioctl (not a watchdog driver; a FIFO in tests): the caller
    /// then keeps the timeout it asked for, and says so.
    public let timeoutSeconds: Int?
    /// True once WDIOC_KEEPALIVE was refused and kicks are written instead.
    public private(set) var kicksByWrite = false
    private var descriptor: Int32

    /// Opens `path` (arming the watchdog) and asks for `timeoutSeconds`.
    /// - Throws: the open failure naming the path; a timeout the driver rejects with anything other
    ///   than "not supported" (the device is closed again without the magic close).
    public init(path: String = defaultPath, timeoutSeconds requested: Int) throws(DeviceIOError) {
        self.path = path
        do throws(DeviceIOError) {
            descriptor = try SystemCall.run("open") { open(path, O_WRONLY | O_CLOEXEC) }
        } catch {
            throw error.context("cannot open the watchdog \(path)")
        }
        do throws(DeviceIOError) {
            timeoutSeconds = try Self.applyTimeout(descriptor, requested: requested)
        } catch {
            _ = Glibc.close(descriptor)
            throw error.context("watchdog \(path): cannot set the timeout to \(requested) s")
        }
    }

    deinit {
        // Not closed by the daemon: a crash path. No magic close, so the hardware stays armed.
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// True until `close(magic:)`.
    public var isOpen: Bool { descriptor >= 0 }

    /// Kicks the watchdog: WDIOC_KEEPALIVE, or a one-byte write where the ioctl is not supported.
    public func kick() throws(DeviceIOError) {
        let fd = try openDescriptor("kick")
        do throws(DeviceIOError) {
            if !kicksByWrite {
                do throws(DeviceIOError) {
                    try SystemCall.run("ioctl(WDIOC_KEEPALIVE)", policy: .retry) { cmmgate_ioctl_watchdog_keepalive(fd) }
                    return
                } catch where Self.isUnsupported(error.errno) {
                    kicksByWrite = true
                }
            }
            try Self.writeByte(fd, 0)
        } catch {
            throw error.context("watchdog \(path): kick")
        }
    }

    /// Closes the device; with `magic`, writes `V` first so the driver disarms the hardware.
    /// The descriptor is released even when this throws.
    public func close(magic: Bool) throws(DeviceIOError) {
        let fd = try openDescriptor("close")
        descriptor = -1
        do throws(DeviceIOError) {
            if magic { try Self.writeByte(fd, UInt8(ascii: "V")) }
        } catch {
            _ = Glibc.close(fd)
            throw error.context("watchdog \(path): magic close")
        }
        do throws(DeviceIOError) {
            try SystemCall.run("close", policy: .report) { Glibc.close(fd) }
        } catch {
            throw error.context("watchdog \(path): close")
        }
    }

    /// WDIOC_SETTIMEOUT then WDIOC_GETTIMEOUT; nil when neither is supported.
    private static func applyTimeout(_ fd: Int32, requested: Int) throws(DeviceIOError) -> Int? {
        var seconds = Int32(clamping: requested)
        do throws(DeviceIOError) {
            try SystemCall.run("ioctl(WDIOC_SETTIMEOUT)", policy: .retry) { cmmgate_ioctl_watchdog_set_timeout(fd, &seconds) }
        } catch where isUnsupported(error.errno) {
            // No settable timeout (or the value is out of the driver's range): the driver keeps its own.
        }
        var applied: Int32 = 0
        do throws(DeviceIOError) {
            try SystemCall.run("ioctl(WDIOC_GETTIMEOUT)", policy: .retry) { cmmgate_ioctl_watchdog_get_timeout(fd, &applied) }
        } catch where isUnsupported(error.errno) {
            return nil
        }
        return Int(applied)
    }

    /// The errno values with which a device says "this ioctl is not for me".
    private static func isUnsupported(_ code: Int32?) -> Bool {
        code == ENOTTY || code == EINVAL || code == EOPNOTSUPP
    }

    private static func writeByte(_ fd: Int32, _ byte: UInt8) throws(DeviceIOError) {
        var value = byte
        let written = try SystemCall.run("write", policy: .retry) { Glibc.write(fd, &value, 1) }
        if written != 1 { throw DeviceIOError(.systemCall, "write of one byte wrote \(written)") }
    }

    private func openDescriptor(_ operation: String) throws(DeviceIOError) -> Int32 {
        guard descriptor >= 0 else {
            throw DeviceIOError(.invalidArgument, "watchdog \(path): \(operation) after close")
        }
        return descriptor
    }
}
