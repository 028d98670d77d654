import DeviceIO

/// `cmmgate version`: what this binary is, for support tickets and audits.
enum VersionCommand: Subcommand {
    static let name = "version"
    static let summary = "print the version, build and supported protocols"
    static let usage = """
        usage: cmmgate version

        Prints the CMMGate version, the architecture it was built for, and the
        protocols this build speaks.

        """

    /// The release version (semantic versioning). Bumped by the release process.
    static let version = "0.1.0"

    static var architecture: String {
        #if arch(x86_64)
        return "x86_64"
        #elseif arch(arm64)
        return "aarch64"
        #elseif arch(arm)
        return "armv7"
        #else
        return "unknown"
        #endif
    }

    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.isEmpty else {
            StandardStreams.writeError("cmmgate version: takes no arguments\n")
            return ExitStatus.usage
        }
        StandardStreams.writeOut("""
            cmmgate \(version) (\(architecture), Swift 6)
            protocols: Modbus RTU, Modbus TCP, Modbus RTU-over-TCP, DL/T 645-2007, HJ 212-2017, HJ 212-2025 (SM4)

            """)
        return ExitStatus.success
    }
}
