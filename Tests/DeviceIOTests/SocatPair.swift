import Glibc

/// Two linked pseudo-terminals made by socat(1), as an independent far end: what one port
/// writes, the other reads. Killing socat is the closest thing to unplugging a USB adapter.
final class SocatPair {
    let first: String
    let second: String
    private let directory: String
    private var process: pid_t = 0

    /// nil when socat is not installed or made no ptys within five seconds.
    init?() {
        var template = Array("/tmp/cmmgate-socat-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { return nil }
        directory = String(cString: made)
        first = directory + "/a"
        second = directory + "/b"
        let arguments = ["socat", "pty,raw,echo=0,link=\(first)", "pty,raw,echo=0,link=\(second)"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runner's threads may block signals; socat must start with none blocked
        // and default dispositions, or SIGTERM would not stop it.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        guard posix_spawnp(&process, "socat", nil, &attributes, &argv, environ) == 0 else { return nil }
        for _ in 0..<500 {
            if access(first, F_OK) == 0 && access(second, F_OK) == 0 { return }
            usleep(10_000)
        }
        stop()
        return nil
    }

    deinit {
        stop()
        rmdir(directory)
    }

    /// Terminates socat and waits for it (SIGKILL after two seconds): both ptys go away.
    func stop() {
        guard process > 0 else { return }
        kill(process, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<200 {
            if waitpid(process, &status, WNOHANG) == process {
                process = 0
                return
            }
            usleep(10_000)
        }
        kill(process, SIGKILL)
        waitpid(process, &status, 0)
        process = 0
    }
}
