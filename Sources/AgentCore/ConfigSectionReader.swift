/// Reads the typed values of one section against its schema, recording every problem in
/// `errors` (with the file and the line of the key, or of the header for a missing key) and
/// returning nil for a value it could not read, so the caller can go on and report the rest.
struct ConfigSectionReader {
    let section: ConfigDocument.Section
    let schema: ConfigSchema.Section
    let file: String
    private(set) var errors: [ConfigError] = []

    /// A reader over `section`; reports its keys that `schema` does not define.
    init(_ section: ConfigDocument.Section, schema: ConfigSchema.Section, file: String) {
        self.section = section
        self.schema = schema
        self.file = file
        for entry in section.entries where schema.key(entry.key) == nil {
            let known = schema.keys.map(\.name).joined(separator: ", ")
            fail(.unknownKey, "unknown key '\(entry.key)' in [\(schema.kind)] (known keys: \(known))", line: entry.line)
        }
    }

    /// `[KIND NAME]` or `[KIND]`, for messages.
    var title: String { section.name.isEmpty ? "[\(section.kind)]" : "[\(section.kind) \(section.name)]" }

    /// Whether the file sets `key` explicitly.
    func isSet(_ key: String) -> Bool { entry(key) != nil }

    /// The line of `key`, or of the section header when the key is not set.
    func line(of key: String) -> Int { entry(key)?.line ?? section.line }

    /// Records a problem at `line`.
    mutating func fail(_ code: ConfigError.Code, _ message: String, line: Int) {
        errors.append(ConfigError(code, message, file: file, line: line))
    }

    /// Records a problem with `key`'s value at its line.
    mutating func fail(_ code: ConfigError.Code, key: String, _ message: String) {
        fail(code, "\(key): \(message)", line: line(of: key))
    }

    /// The value of `key` as written, or its default; nil (and a `missing` error) when a
    /// required key is absent or empty.
    mutating func text(_ key: String) -> String? {
        precondition(schema.key(key) != nil, "schema of [\(schema.kind)] lacks '\(key)'")
        if let entry = entry(key), !entry.value.isEmpty || schema.key(key)?.defaultValue != nil {
            return entry.value
        }
        if let defaultValue = schema.key(key)?.defaultValue { return defaultValue }
        if let entry = entry(key) {
            fail(.missing, "\(title) needs '\(key)', and it is empty", line: entry.line)
        } else {
            fail(.missing, "\(title) needs '\(key)'", line: section.line)
        }
        return nil
    }

    /// A whole number of `key` within `range`.
    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = text(key) else { return nil }
        guard let value = Int(text) else {
            fail(.badValue, key: key, "'\(text)' is not a whole number")
            return nil
        }
        guard range.contains(value) else {
            fail(.outOfRange, key: key, "\(value) is outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    /// A finite decimal number of `key` within `range` (nil: any finite number).
    mutating func number(_ key: String, in range: ClosedRange<Double>? = nil) -> Double? {
        guard let text = text(key) else { return nil }
        guard let value = Double(text), value.isFinite, text.allSatisfy({ "0123456789+-.eE".contains($0) }) else {
            fail(.badValue, key: key, "'\(text)' is not a number")
            return nil
        }
        if let range, !range.contains(value) {
            fail(.outOfRange, key: key, "\(text) is outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    /// One of `choices` (the words as written) for `key`, mapped to its value.
    mutating func choice<Value>(_ key: String, _ choices: [(word: String, value: Value)]) -> Value? {
        guard let text = text(key) else { return nil }
        guard let match = choices.first(where: { $0.word == text }) else {
            let words = choices.map(\.word).joined(separator: ", ")
            fail(.badValue, key: key, "'\(text)' is not one of \(words)")
            return nil
        }
        return match.value
    }

    /// A `YYYY-MM-DD` date for `key`.
    mutating func date(_ key: String) -> CalendarDate? {
        guard let text = text(key) else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            fail(.badValue, key: key, "'\(text)' is not a real date written YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// A name of another section (`[bus NAME]` …) for `key`: checked for its form here, for
    /// existence by the parser once every section is read.
    mutating func reference(_ key: String) -> String? {
        guard let text = text(key) else { return nil }
        guard ConfigName.isValid(text) else {
            fail(.badValue, key: key, "'\(text)' is not a name (\(ConfigName.rule))")
            return nil
        }
        return text
    }

    private func entry(_ key: String) -> ConfigDocument.Entry? { section.entries.first { $0.key == key } }
}

/// The form of section names: what `[bus NAME]` and references to it may be.
enum ConfigName {
    static let rule = "letters, digits, '_' and '-', at most 32"

    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 32 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }
}
