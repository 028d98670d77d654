import Glibc

/// A queue between threads: poller threads `post` readings and progress, the main loop takes them
/// all at once with `drainAll()` when it assembles the second's record. Also carries the stop
/// request a worker checks between transactions.
///
/// `@unchecked Sendable` because one pthread mutex (pthread_mutex_lock(3), a default mutex in its
/// own heap allocation, so it never moves) guards both stored states, `queue` and `stopFlag`; every
/// access takes it, and nothing is held across a call out. Messages from one thread arrive in the
/// order it posted them; between threads, in the order the mutex was taken.
/// No Dispatch and no Swift concurrency: the agent modules do not link them.
public final class Mailbox<Message: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Guarded by `mutex`.
    private var queue: [Message] = []
    /// Guarded by `mutex`.
    private var stopFlag = false

    public init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        let result = pthread_mutex_init(mutex, nil)
        precondition(result == 0, "pthread_mutex_init failed with \(result)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Appends `message`.
    public func post(_ message: Message) {
        locked { queue.append(message) }
    }

    /// Every message posted since the last drain, oldest first; the queue is empty afterwards.
    public func drainAll() -> [Message] {
        locked {
            let messages = queue
            queue.removeAll(keepingCapacity: true)
            return messages
        }
    }

    /// Asks the workers reading this mailbox's flag to finish (they check `stopRequested`).
    public func requestStop() {
        locked { stopFlag = true }
    }

    /// True once `requestStop()` was called.
    public var stopRequested: Bool {
        locked { stopFlag }
    }

    /// Runs `body` with the mutex held. A default mutex can fail to lock only when it is broken
    /// (EINVAL) or the caller already holds it (EDEADLK): programming errors, which trap.
    private func locked<Result>(_ body: () -> Result) -> Result {
        let result = pthread_mutex_lock(mutex)
        precondition(result == 0, "pthread_mutex_lock failed with \(result)")
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
