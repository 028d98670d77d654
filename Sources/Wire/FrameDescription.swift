/// A whole frame explained field by field, for `cmmgate decode` and for logs.
///
/// Each protocol area offers a `describe` function that never throws: it returns nil when
/// the bytes are clearly not its protocol, and otherwise a description whose `problems`
/// list everything wrong (a bad checksum with the expected value, a truncated field, …).
public struct FrameDescription: Sendable, Equatable {
    /// One decoded field: its name, its value as text (with the unit where known), and an
    /// optional note (a meaning, a warning).
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public var note: String?

        public init(_ name: String, _ value: String, note: String? = nil) {
            self.name = name
            self.value = value
            self.note = note
        }
    }

    /// Protocol name, e.g. "Modbus RTU", "Modbus TCP", "DL/T 645-2007", "HJ 212-2017".
    public var protocolName: String
    /// One line saying what the frame is, e.g. "read holding registers request, slave 1".
    public var summary: String
    public var fields: [Field]
    /// Everything wrong with the frame; empty when it is valid.
    public var problems: [String]

    public init(protocolName: String, summary: String, fields: [Field] = [], problems: [String] = []) {
        self.protocolName = protocolName
        self.summary = summary
        self.fields = fields
        self.problems = problems
    }

    public var isValid: Bool { problems.isEmpty }
}
