#if canImport(Glibc)
import Glibc
#endif

/// Entry point: picks the subcommand (by argv[1], or by argv[0] when invoked through a
/// busybox-style link named `cmmgate-<command>`) and exits with its status.
enum CommandLineTool {
    static func main(_ arguments: [String]) -> Never {
        exit(0)
    }
}
