import CLinuxShim
import Glibc

/// A worker thread (pthread_create(3)) for one field bus: it polls its meters at its own pace while
/// the main loop assembles records, journals and ticks the watchdog. It talks to the main loop only
/// through a `Mailbox` (readings and progress out, the stop request in).
///
/// The thread first blocks SIGTERM, SIGINT and SIGHUP (`cmmgate_signal_flags_block_in_thread`), so
/// those are delivered to the main thread, and names itself (`cmmgate_thread_set_name`, 15 bytes:
/// `top -H` and `/proc/PID/task/*/comm` show it). `join()` waits for the body to return; the body
/// returns when it sees the stop request. No Dispatch and no Swift concurrency (not linked).
public final class PollerThread {
    public let name: String
    private var thread: pthread_t?

    /// What the new thread runs, handed over as one retained reference.
    private final class Start {
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts a thread named `name` running `body`.
    /// - Throws: pthread_create's error (EAGAIN: out of threads or memory).
    public init(name: String, _ body: @escaping @Sendable () -> Void) throws(DeviceIOError) {
        self.name = name
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var handle = pthread_t()
        do throws(DeviceIOError) {
            try SystemCall.run("pthread_create", policy: .retry) { () -> Int32 in
                Self.adapt(pthread_create(&handle, nil, { argument in
                    let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
                    _ = cmmgate_signal_flags_block_in_thread()
                    _ = cmmgate_thread_set_name(start.name)
                    start.body()
                    return nil
                }, start))
            }
        } catch {
            Unmanaged<Start>.fromOpaque(start).release()
            throw error.context("cannot start thread \(name)")
        }
        thread = handle
    }

    deinit {
        // Never joined: let the thread's resources go when it ends.
        if let thread { pthread_detach(thread) }
    }

    /// True until `join()` returned.
    public var isJoinable: Bool { thread != nil }

    /// Waits for the thread's body to return (pthread_join(3)). A second call does nothing.
    public func join() throws(DeviceIOError) {
        guard let handle = thread else { return }
        do throws(DeviceIOError) {
            try SystemCall.run("pthread_join", policy: .retry) { Self.adapt(pthread_join(handle, nil)) }
        } catch {
            throw error.context("cannot join thread \(name)")
        }
        thread = nil
    }

    /// pthread functions return the error number instead of setting errno: adapted to the
    /// funnel's -1/errno convention.
    private static func adapt(_ result: Int32) -> Int32 {
        if result == 0 { return 0 }
        errno = result
        return -1
    }
}
