import Wire

/// Reads an SM4 key file: 16 raw bytes, or 32 hex digits (surrounding white space ignored).
public enum SM4KeyFile {
    public static func load(path: String) throws(DeviceIOError) -> [UInt8] {
        let contents = try FileContents.read(path: path, limit: 4096)
        if contents.count == 16 { return contents }
        let text = String(decoding: contents, as: UTF8.self)
        var digits: [UInt8] = []
        for byte in text.utf8 where !(byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09) {
            digits.append(byte)
        }
        guard digits.count == 32 else {
            throw DeviceIOError(.invalidArgument,
                                "\(path): an SM4 key is 16 raw bytes or 32 hex digits, found \(contents.count) bytes")
        }
        var key: [UInt8] = []
        var index = 0
        while index < 32 {
            guard let high = Hex.nibbleValue(digits[index]), let low = Hex.nibbleValue(digits[index + 1]) else {
                throw DeviceIOError(.invalidArgument, "\(path): not a hex digit at character \(index + 1)")
            }
            key.append(high << 4 | low)
            index += 2
        }
        return key
    }

}
