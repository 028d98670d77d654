@testable import DeviceIO
import Glibc
import Testing

/// The stderr sink writing into a pipe, read back line by line.
@Suite struct LogSinkTests {
    private func withPipe(_ body: (LogSink, Int32) throws -> Void) rethrows {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        try body(LogSink(.stderr, descriptor: ends[1]), ends[0])
    }

    private func readAll(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return String(decoding: buffer[0..<max(0, count)], as: UTF8.self)
    }

    @Test func eachMessageIsOneLineWithJournaldsPriorityPrefix() {
        withPipe { sink, reader in
            sink.log(.error, "bus1: port vanished")
            sink.log(.warning, "meter 3: no answer (5 suppressed)")
            sink.log(.info, "started")
            sink.log(.debug, "tick")
            #expect(readAll(reader)
                == "<3>bus1: port vanished\n<4>meter 3: no answer (5 suppressed)\n<6>started\n<7>tick\n")
        }
    }

    @Test func lineBreaksInsideAMessageBecomeSpaces() {
        withPipe { sink, reader in
            sink.log(.error, "config rejected:\nline 3: bad\r\nline 9: worse\0")
            #expect(readAll(reader) == "<3>config rejected: line 3: bad line 9: worse \n")
        }
    }

    @Test func aClosedDescriptorDropsTheLineWithoutStopping() {
        let sink = LogSink(.stderr, descriptor: -1)
        sink.log(.error, "nowhere to go")
    }

    @Test func theDestinationWordsAndLevels() {
        #expect(LogSink.Destination(rawValue: "stderr") == .stderr)
        #expect(LogSink.Destination(rawValue: "syslog") == .syslog)
        #expect(LogSink.Destination(rawValue: "journal") == nil)
        // syslog.h: LOG_ERR 3, LOG_WARNING 4, LOG_INFO 6, LOG_DEBUG 7.
        #expect(LogSink.Level.allCases.map(\.rawValue) == [3, 4, 6, 7])
        #expect(LogSink.line(.info, "a\nb") == Array("<6>a b\n".utf8))
    }
}
