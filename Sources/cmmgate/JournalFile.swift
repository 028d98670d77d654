import DeviceIO
import Journal

/// Opens a journal file for the `cmmgate journal` verbs, read-only in effect (recovery writes
/// nothing; no verb commits). The geometry comes from the segment header at the start of the file
/// (format §2: segment size at byte 8, program size at byte 12); without one, the defaults.
enum JournalFile {
    /// Why a verb could not run, with the exit status it ends with.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        var status: Int32
    }

    static let magic: [UInt8] = [0x43, 0x4D, 0x4A, 0x31]  // "CMJ1"

    /// The journal in `path`. Fails with `ExitStatus.failure` when the file cannot be opened or read,
    /// and `ExitStatus.invalid` when it is not a journal (or one this version cannot read).
    static func open(_ path: String) throws(Failure) -> Journal<FileBlockDevice> {
        let (segmentSize, programSize) = try geometry(of: path)
        let device: FileBlockDevice
        do {
            device = try FileBlockDevice(opening: path, programSize: programSize, eraseSize: segmentSize)
        } catch {
            throw Failure(description: "\(error)", status: error.code == .invalidArgument ? ExitStatus.invalid : ExitStatus.failure)
        }
        do {
            return try Journal(opening: device)
        } catch {
            switch error.code {
            case .notFormatted, .incompatible, .invalidArgument:
                throw Failure(description: "\(path) is not a journal this cmmgate can read: \(error)", status: ExitStatus.invalid)
            default:
                throw Failure(description: "cannot open the journal in \(path): \(error)", status: ExitStatus.failure)
            }
        }
    }

    /// Segment and program size from the header at byte 0, or FileBlockDevice's defaults.
    static func geometry(of path: String) throws(Failure) -> (segmentSize: Int, programSize: Int) {
        let defaults = (FileBlockDevice.defaultEraseSize, FileBlockDevice.defaultProgramSize)
        let start: [UInt8]
        do {
            // Erase size 1: any file size is whole blocks, so this only fails if the file cannot be read.
            let peek = try FileBlockDevice(opening: path, programSize: 1, eraseSize: 1)
            start = try peek.read(at: 0, count: min(16, peek.geometry.totalSize))
        } catch let error as DeviceIOError where error.code == .invalidArgument {
            throw Failure(description: "\(path) is not a journal file: it is empty", status: ExitStatus.invalid)
        } catch {
            throw Failure(description: "cannot read \(path): \(error)", status: ExitStatus.failure)
        }
        guard start.count == 16, Array(start[0..<4]) == magic else { return defaults }
        let segmentSize = littleEndian(start[8..<12])
        let programSize = littleEndian(start[12..<16])
        guard programSize > 0, segmentSize >= programSize, segmentSize % programSize == 0 else {
            throw Failure(description: "\(path) is not a journal: its first header gives segment \(segmentSize) B, "
                          + "program \(programSize) B", status: ExitStatus.invalid)
        }
        return (segmentSize, programSize)
    }

    private static func littleEndian(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
