import Glibc

/// A test hook in the `SystemCall` funnel: sees every call by name before it runs, and may
/// make it fail with an errno of its choosing instead (the call is then not made at all).
///
/// Installed for the calling thread with `SystemCallTracer.withTracer(tracer) { … }`: the
/// funnel and the device code a test drives run synchronously on that thread, so a test
/// traces only its own calls even when tests run in parallel. The agent never installs one
/// (one pthread_getspecific(3) per call is the whole cost). Thread-specific data rather than
/// a `@TaskLocal`: a task-local would link the Swift concurrency runtime and libdispatch into
/// the agent binary (about 0.5 MB, docs/BENCHMARKS.md) for a test hook.
/// A failure injected as EINTR goes through the call's interrupt policy like a real one:
/// `.retry` asks the tracer again.
public final class SystemCallTracer: Sendable {
    /// Called before each attempt of the call named `name`; returns nil to let it run,
    /// or an errno value to fail this attempt with.
    public typealias Hook = @Sendable (_ name: StaticString) -> Int32?

    private let hook: Hook

    public init(_ hook: @escaping Hook) { self.hook = hook }

    /// The pthread key under which the current thread's tracer is kept (pthread_key_create(3)).
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// The tracer installed on the calling thread, if a test installed one.
    static var current: SystemCallTracer? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<SystemCallTracer>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs `body` with `tracer` installed on the calling thread, then restores the previous one.
    /// `tracer` is kept alive for the duration of `body`.
    public static func withTracer<Result>(_ tracer: SystemCallTracer?,
                                          _ body: () throws -> Result) rethrows -> Result {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, tracer.map { Unmanaged.passUnretained($0).toOpaque() })
        defer { pthread_setspecific(key, previous) }
        return try withExtendedLifetime(tracer) { try body() }
    }

    func willRun(_ name: StaticString) -> Int32? { hook(name) }
}
