/// A test hook in the `SystemCall` funnel: sees every call by name before it runs, and may
/// make it fail with an errno of its choosing instead (the call is then not made at all).
///
/// Installed per task with `SystemCallTracer.$current.withValue(tracer) { … }`, so a test
/// traces only its own calls even when tests run in parallel; the agent never installs one
/// (one task-local read per call is the whole cost). A failure injected as EINTR goes through
/// the call's interrupt policy like a real one: `.retry` asks the tracer again.
public final class SystemCallTracer: Sendable {
    /// Called before each attempt of the call named `name`; returns nil to let it run,
    /// or an errno value to fail this attempt with.
    public typealias Hook = @Sendable (_ name: StaticString) -> Int32?

    private let hook: Hook

    public init(_ hook: @escaping Hook) { self.hook = hook }

    /// The tracer of the current task, if a test installed one.
    @TaskLocal public static var current: SystemCallTracer?

    func willRun(_ name: StaticString) -> Int32? { hook(name) }
}
