@testable import DeviceIO
import Glibc
import Testing

/// Worker threads posting to a mailbox the test drains, as pollers and the main loop do.
@Suite struct PollerThreadTests {
    enum Message: Sendable, Equatable {
        case value(worker: Int, sequence: Int)
        case done(worker: Int)
        case started
        case stopped
        case name(String)
        case signalsBlocked(Bool)
    }

    @Test func messagesFromTwoThreadsAllArriveInPerThreadOrder() throws {
        let mailbox = Mailbox<Message>()
        let count = 20_000
        let workers = try (0..<2).map { worker in
            try PollerThread(name: "poll-\(worker)") {
                for sequence in 0..<count { mailbox.post(.value(worker: worker, sequence: sequence)) }
                mailbox.post(.done(worker: worker))
            }
        }
        var received: [Message] = []
        var finished = 0
        while finished < 2 {  // drained while the workers post
            for message in mailbox.drainAll() {
                if case .done = message { finished += 1 } else { received.append(message) }
            }
        }
        for worker in workers { try worker.join() }
        #expect(mailbox.drainAll().isEmpty)
        for worker in 0..<2 {
            let sequences = received.compactMap { message -> Int? in
                guard case .value(worker, let sequence) = message else { return nil }
                return sequence
            }
            #expect(sequences == Array(0..<count), "worker \(worker)")
        }
        #expect(received.count == 2 * count)
    }

    @Test func stopAndJoinEndTheWorker() throws {
        let mailbox = Mailbox<Message>()
        let worker = try PollerThread(name: "poll-stop") {
            mailbox.post(.started)
            while !mailbox.stopRequested { sched_yield() }
            mailbox.post(.stopped)
        }
        while !mailbox.drainAll().contains(.started) {}
        #expect(!mailbox.stopRequested)
        mailbox.requestStop()
        #expect(worker.isJoinable)
        try worker.join()
        #expect(!worker.isJoinable)
        try worker.join()  // a second join does nothing
        #expect(mailbox.drainAll() == [.stopped])
        #expect(mailbox.stopRequested)
    }

    @Test func theWorkerIsNamedAndBlocksTheDaemonsSignals() throws {
        let mailbox = Mailbox<Message>()
        let worker = try PollerThread(name: "poll-bus-with-a-long-name") {
            let comm = (try? FileContents.read(path: "/proc/thread-self/comm")) ?? []
            mailbox.post(.name(String(decoding: comm, as: UTF8.self)))
            var mask = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &mask)
            let blocked = [SIGTERM, SIGINT, SIGHUP].allSatisfy { sigismember(&mask, $0) == 1 }
            mailbox.post(.signalsBlocked(blocked))
        }
        try worker.join()
        #expect(mailbox.drainAll() == [.name("poll-bus-with-a\n"), .signalsBlocked(true)])
    }
}
