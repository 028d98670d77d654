@testable import DeviceIO
import Glibc
import Testing

@Suite struct AtomicFileTests {
    @Test func writeReplacesContentsAndLeavesNoTemporaryFile() throws {
        let path = FileBlockDeviceTests.temporaryPath("atomic")
        defer { unlink(path) }
        #expect(try AtomicFile.read(path) == nil)
        try AtomicFile.write(Array("first".utf8), to: path)
        #expect(try AtomicFile.read(path) == Array("first".utf8))
        try AtomicFile.write(Array("second, longer".utf8), to: path)
        #expect(try AtomicFile.read(path) == Array("second, longer".utf8))
        try AtomicFile.write([], to: path)
        #expect(try AtomicFile.read(path) == [])
        #expect(access(path + ".tmp", F_OK) != 0)
    }

    @Test func aLeftoverTemporaryFileFromACutDoesNotChangeTheContents() throws {
        let path = FileBlockDeviceTests.temporaryPath("atomic")
        defer { unlink(path); unlink(path + ".tmp") }
        try AtomicFile.write(Array("committed".utf8), to: path)
        let fd = open(path + ".tmp", O_WRONLY | O_CREAT | O_TRUNC, 0o644)  // a write cut before its rename
        #expect(fd >= 0)
        _ = "half".withCString { Glibc.write(fd, $0, 4) }
        close(fd)
        #expect(try AtomicFile.read(path) == Array("committed".utf8))
        try AtomicFile.write(Array("next".utf8), to: path)
        #expect(try AtomicFile.read(path) == Array("next".utf8))
    }

    @Test func failureNamesThePath() {
        #expect {
            try AtomicFile.write([1], to: "/nonexistent-dir/cmmgate/state")
        } throws: { error in
            guard let error = error as? DeviceIOError else { return false }
            return error.message.contains("/nonexistent-dir/cmmgate/state") && error.errno == ENOENT
        }
    }

    @Test func parentDirectoryOfPaths() {
        #expect(DirectorySync.parent(of: "/var/lib/cmmgate/state") == "/var/lib/cmmgate")
        #expect(DirectorySync.parent(of: "/state") == "/")
        #expect(DirectorySync.parent(of: "state") == ".")
    }
}
