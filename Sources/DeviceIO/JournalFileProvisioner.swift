import Glibc
import Journal

/// Opens the agent's journal file, creating and formatting it first when it does not exist.
///
/// A new journal is created as `PATH.new`, formatted there, and only then renamed to `PATH`
/// (and the directory synced). So a file at `PATH` is always a formatted journal: a cut during
/// creation leaves at most a stale `PATH.new`, which the next start removes and redoes. A file at
/// `PATH` that does not open as a journal is therefore damage or a foreign file, never a half-made
/// journal, and it is never formatted over: the agent refuses to start and says why, so no
/// evidence is destroyed by a restart loop.
public enum JournalFileProvisioner {
    /// What `open` did.
    public enum Outcome: Sendable, Equatable {
        case opened
        case created(bytes: Int)
    }

    /// Opens the journal at `path`, or creates one of `sizeBytes` (rounded down to whole
    /// `eraseSize` segments) when there is none.
    public static func open(path: String, sizeBytes: Int, configuration: JournalConfiguration,
                            programSize: Int = FileBlockDevice.defaultProgramSize,
                            eraseSize: Int = FileBlockDevice.defaultEraseSize)
        throws(DeviceIOError) -> (journal: Journal<FileBlockDevice>, outcome: Outcome) {
        var status = stat()
        if stat(path, &status) == 0 {
            return (try openExisting(path: path, configuration: configuration), .opened)
        }
        guard errno == ENOENT else {
            let code = errno
            throw DeviceIOError(.systemCall, "cannot stat journal file \(path)", errno: code, cause: SystemCall.errorText(code))
        }
        let blocks = sizeBytes / eraseSize
        guard blocks >= 2 else {
            throw DeviceIOError(.invalidArgument, "journal size \(sizeBytes) B holds fewer than 2 segments of \(eraseSize) B")
        }
        let staging = path + ".new"
        unlink(staging)  // a stale staging file from a cut during an earlier creation; ENOENT is fine
        do throws(DeviceIOError) {
            let device = try FileBlockDevice.create(path: staging, blockCount: blocks, programSize: programSize,
                                                    eraseSize: eraseSize)
            do throws(JournalError) {
                // Durability: format programs and syncs the first segment header and checkpoints.
                _ = try Journal.format(device, configuration: configuration)
            } catch {
                throw DeviceIOError(.library, "cannot format journal \(staging)", cause: "\(error)")
            }
            try SystemCall.run("rename") { rename(staging, path) }
            // Durability: the rename is a directory change; sync it so PATH survives a cut.
            try DirectorySync.syncParent(of: path)
        } catch {
            throw error.context("cannot create journal file \(path)")
        }
        return (try openExisting(path: path, configuration: configuration), .created(bytes: blocks * eraseSize))
    }

    /// Opens an existing journal, with the geometry its first segment header records.
    static func openExisting(path: String, configuration: JournalConfiguration) throws(DeviceIOError) -> Journal<FileBlockDevice> {
        let refusal = "\(path) exists but does not open as a journal (not formatted over: move it away to start a new one)"
        let device: FileBlockDevice
        do throws(DeviceIOError) {
            let (eraseSize, programSize) = try geometry(of: path)
            device = try FileBlockDevice(opening: path, programSize: programSize, eraseSize: eraseSize)
        } catch where error.code == .invalidArgument {
            throw DeviceIOError(.invalidArgument, refusal, cause: error.message)
        }
        do throws(JournalError) {
            return try Journal(opening: device, configuration: configuration)
        } catch {
            throw DeviceIOError(.invalidArgument, refusal, cause: "\(error)")
        }
    }

    /// Segment and program size from the segment header at byte 0 (journal format §2: "CMJ1",
    /// segment size at byte 8, program size at byte 12), or the defaults when there is none.
    static func geometry(of path: String) throws(DeviceIOError) -> (eraseSize: Int, programSize: Int) {
        let peek = try FileBlockDevice(opening: path, programSize: 1, eraseSize: 1)
        let start: [UInt8]
        do { start = try peek.read(at: 0, count: min(16, peek.geometry.totalSize)) } catch {
            throw DeviceIOError(.systemCall, "cannot read \(path)", cause: "\(error)")
        }
        guard start.count == 16, start[0..<4].elementsEqual([0x43, 0x4D, 0x4A, 0x31]) else {
            return (FileBlockDevice.defaultEraseSize, FileBlockDevice.defaultProgramSize)
        }
        let value = { (range: Range<Int>) in start[range].reversed().reduce(0) { $0 << 8 | Int($1) } }
        return (value(8..<12), value(12..<16))
    }
}
