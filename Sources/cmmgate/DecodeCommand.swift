import DeviceIO
import Wire

/// `cmmgate decode`: explains captured frames field by field, for commissioning a site.
enum DecodeCommand: Subcommand {
    static let name = "decode"
    static let summary = "decode pasted Modbus, DL/T 645 and HJ 212 frames"
    static let usage = """
        usage: cmmgate decode [--sm4-key-file FILE] [FRAME...]

        Decodes each FRAME, or each line of standard input when no FRAME is given.
        Binary protocols are given as hex bytes (spaces, ':' and '0x' optional):
        Modbus RTU, Modbus TCP (MBAP), DL/T 645-2007 (with or without FE preamble).
        HJ 212 (2005/2017/2025) is given as text, with or without its CRLF.
        Prints the protocol, every field with units where known, and whether the
        CRC/checksum is right (with the expected value when it is not).

          --sm4-key-file FILE  HJ 212-2025 SM4 key (32 hex digits or 16 raw bytes),
                               to decrypt encrypted CP areas

        Exit status: 0 when every frame is valid, 1 when any is not, 64 on a usage error.

        """

    static func run(_ arguments: [String]) -> Int32 {
        let parsed: ArgumentList
        do {
            parsed = try ArgumentList(arguments, valueOptions: ["sm4-key-file"])
        } catch {
            StandardStreams.writeError("cmmgate decode: \(error)\n\n" + usage)
            return ExitStatus.usage
        }
        var cipher: (any BlockCipher128)? = nil
        if let path = parsed.value("sm4-key-file") {
            do {
                cipher = try LibcryptoSM4(key: try SM4KeyFile.load(path: path))
            } catch {
                StandardStreams.writeError("cmmgate decode: SM4 key: \(error)\n")
                return ExitStatus.failure
            }
        }
        let frames: [String]
        if parsed.positionals.isEmpty {
            do {
                frames = try StandardStreams.readLines()
            } catch {
                StandardStreams.writeError("cmmgate decode: \(error)\n")
                return ExitStatus.failure
            }
        } else {
            frames = parsed.positionals
        }
        return decode(frames, cipher: cipher)
    }

    static func decode(_ frames: [String], cipher: (any BlockCipher128)?) -> Int32 {
        var number = 0
        var allValid = true
        for line in frames {
            guard let description = PastedFrame.describe(line, cipher: cipher) else { continue }
            number += 1
            allValid = allValid && description.isValid
            StandardStreams.writeOut(DescriptionText.render(description, number: number))
        }
        if number == 0 {
            StandardStreams.writeError("cmmgate decode: no frames given\n")
            return ExitStatus.invalid
        }
        return allValid ? ExitStatus.success : ExitStatus.invalid
    }
}
