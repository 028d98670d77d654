import Glibc

/// The funnel every DeviceIO system call goes through.
///
/// EINTR policy, explicit per call family:
/// - `.retry`: calls that are safe to restart with the same arguments (`read`, `write`,
///   `open`, `pread`, `pwrite`, `fdatasync`, `ioctl` on tty and watchdog devices) are
///   retried until they return something other than EINTR;
/// - `.report`: calls whose timeout would restart from zero (`poll`, `nanosleep`) return
///   EINTR to the caller, who recomputes the remaining time from its monotonic deadline.
///
/// Tests can install a `SystemCallTracer` to see (and fail) every call by name.
public enum SystemCall {
    public enum InterruptPolicy: Sendable {
        case retry
        case report
    }

    /// Runs `body` (which returns -1 and sets errno on failure) under `policy`.
    /// Returns the non-negative result or throws `DeviceIOError.systemCall` naming `name`.
    @discardableResult
    public static func run<T: BinaryInteger>(
        _ name: StaticString, policy: InterruptPolicy = .retry, _ body: () -> T
    ) throws(DeviceIOError) -> T {
        let tracer = SystemCallTracer.current
        while true {
            let result: T
            if let tracer, let injected = tracer.willRun(name) {
                errno = injected
                result = -1
            } else {
                result = body()
            }
            if result >= 0 { return result }
            let code = errno
            if code == EINTR, case .retry = policy { continue }
            throw DeviceIOError(.systemCall, "\(name) failed", errno: code, cause: errorText(code))
        }
    }

    /// strerror(3) text for `code`.
    public static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
