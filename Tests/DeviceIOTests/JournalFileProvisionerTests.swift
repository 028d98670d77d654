@testable import DeviceIO
import Glibc
import Journal
import Testing

/// The agent's journal file: created formatted under a staging name and renamed into place,
/// reopened with its records, and never formatted over when something else sits at the path.
@Suite struct JournalFileProvisionerTests {
    static let segment = 8192

    @Test func createsFormatsAndReopensWithRecords() throws {
        let path = FileBlockDeviceTests.temporaryPath("provision")
        defer { unlink(path) }
        let first = try JournalFileProvisioner.open(path: path, sizeBytes: 4 * Self.segment + 100,
                                                    configuration: JournalConfiguration(), eraseSize: Self.segment)
        #expect(first.outcome == .created(bytes: 4 * Self.segment))
        try first.journal.append(type: RecordType(rawValue: 0x10), timestamp: 1_000, payload: [1, 2, 3])
        try first.journal.commit()
        var status = stat()
        #expect(stat(path + ".new", &status) == -1)
        let again = try JournalFileProvisioner.open(path: path, sizeBytes: 4 * Self.segment,
                                                    configuration: JournalConfiguration(), eraseSize: Self.segment)
        #expect(again.outcome == .opened)
        #expect(try again.journal.records(from: 0).map(\.payload) == [[1, 2, 3]])
        #expect(again.journal.device.geometry.eraseSize == Self.segment)
    }

    @Test func staleStagingFileFromACutCreationIsRedone() throws {
        let path = FileBlockDeviceTests.temporaryPath("provision")
        defer { unlink(path) }
        _ = try FileBlockDevice.create(path: path + ".new", blockCount: 1, programSize: 512, eraseSize: 4096)
        let made = try JournalFileProvisioner.open(path: path, sizeBytes: 2 * Self.segment,
                                                   configuration: JournalConfiguration(), eraseSize: Self.segment)
        #expect(made.outcome == .created(bytes: 2 * Self.segment))
        var status = stat()
        #expect(stat(path + ".new", &status) == -1)
    }

    @Test func foreignFileAtThePathIsRefusedAndLeftAlone() throws {
        let path = FileBlockDeviceTests.temporaryPath("provision")
        defer { unlink(path) }
        let garbage = [UInt8](repeating: 0x5A, count: 2 * Self.segment)
        try AtomicFile.write(garbage, to: path)
        do {
            _ = try JournalFileProvisioner.open(path: path, sizeBytes: 2 * Self.segment,
                                                configuration: JournalConfiguration(), eraseSize: Self.segment)
            Issue.record("a foreign file opened as a journal")
        } catch {
            #expect(error.message.hasPrefix("\(path) exists but does not open as a journal"))
        }
        #expect(try AtomicFile.read(path) == garbage)
    }

    @Test func sizeBelowTwoSegmentsIsRefusedBeforeAnythingIsCreated() {
        let path = FileBlockDeviceTests.temporaryPath("provision")
        #expect(throws: DeviceIOError.self) {
            _ = try JournalFileProvisioner.open(path: path, sizeBytes: Self.segment,
                                                configuration: JournalConfiguration(), eraseSize: Self.segment)
        }
        var status = stat()
        #expect(stat(path, &status) == -1)
    }
}
