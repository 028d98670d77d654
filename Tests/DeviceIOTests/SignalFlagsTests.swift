@testable import DeviceIO
import Glibc
import Testing

/// The flag-only handlers, driven by raise(3), which runs the handler on the calling thread before
/// it returns when that thread does not block the signal. The test runner's worker threads block
/// them (libdispatch's do), so each raise happens with the signal unblocked for the moment.
/// Serialized: the flags are process-wide. Each test restores the previous dispositions, so the
/// test process still dies of SIGTERM or SIGINT from a harness afterwards.
@Suite(.serialized) struct SignalFlagsTests {
    private static let signals = [SIGTERM, SIGINT, SIGHUP, SIGPIPE]

    /// Runs `body` with the flag handlers installed and no flag pending, then puts back what was there.
    private func withFlagHandlers(_ body: () throws -> Void) throws {
        var previous = Self.signals.map { _ in sigaction() }
        for (index, signal) in Self.signals.enumerated() { sigaction(signal, nil, &previous[index]) }
        defer {
            for (index, signal) in Self.signals.enumerated() { sigaction(signal, &previous[index], nil) }
        }
        try SignalFlags.install()
        _ = SignalFlags.take()
        try body()
    }

    /// raise(signal) with `signal` unblocked in the calling thread, the thread's mask restored after.
    private func raiseUnblocked(_ signal: Int32) {
        var unblock = sigset_t()
        var previous = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, signal)
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previous)
        raise(signal)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    @Test func handledSignalsSetFlagsThatTakeReadsAndClears() throws {
        try withFlagHandlers {
            #expect(SignalFlags.take().isEmpty)
            raiseUnblocked(SIGHUP)
            #expect(SignalFlags.take() == [.hangup])
            #expect(SignalFlags.take().isEmpty, "cleared by the take")
            raiseUnblocked(SIGTERM)
            raiseUnblocked(SIGINT)
            raiseUnblocked(SIGTERM)
            #expect(SignalFlags.take() == [.terminate, .interrupt], "flags, not counts")
            #expect(SignalFlags.take().isEmpty)
        }
    }

    @Test func sigpipeIsIgnored() throws {
        try withFlagHandlers {
            raiseUnblocked(SIGPIPE)  // would end the test process with the default action
            #expect(SignalFlags.take().isEmpty)
        }
    }

    @Test func decodingNamesEachBit() {
        #expect(SignalFlags.decode(0).isEmpty)
        #expect(SignalFlags.decode(1) == [.terminate])
        #expect(SignalFlags.decode(2) == [.interrupt])
        #expect(SignalFlags.decode(4) == [.hangup])
        #expect(SignalFlags.decode(7) == Set(ReceivedSignal.allCases))
        #expect(ReceivedSignal.allCases.map(\.description) == ["SIGTERM", "SIGINT", "SIGHUP"])
    }
}
