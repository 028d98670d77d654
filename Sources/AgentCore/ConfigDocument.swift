/// A configuration file split into sections of `key = value` entries, before any key is
/// interpreted. The syntax (documented in Board/reference.conf and docs/configuration.md):
///
/// - blank lines and lines whose first non-blank character is `#` are ignored;
/// - `[KIND]` or `[KIND NAME]` opens a section (`[site]`, `[bus rs485a]`);
/// - `key = value` sets a key of the current section; the value is the rest of the line with
///   surrounding blanks removed (a `#` inside a value is part of it: passwords may contain one).
///
/// Lexical problems are collected, never thrown, so every one of them is reported at once.
public struct ConfigDocument: Sendable {
    /// One `key = value` line.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        public var line: Int
    }

    /// One `[KIND NAME]` section and the entries under it. A malformed header opens a section of
    /// empty kind that no one reads, so the keys under it are not misattributed to the one before.
    public struct Section: Sendable {
        public var kind: String
        /// The name after the kind; empty for `[KIND]`.
        public var name: String
        /// The line of the header.
        public var line: Int
        public var entries: [Entry] = []
    }

    /// The sections in file order.
    public private(set) var sections: [Section] = []
    /// Problems found while splitting the text.
    public private(set) var errors: [ConfigError] = []

    /// Splits `text` (the file's contents) into sections; `file` names it in errors.
    public init(text: String, file: String) {
        var number = 0
        // "\r\n" is one Character in Swift: both line ends are separators.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let line = Self.trimmedSlice(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                openSection(line, line: number, file: file)
            } else if let equals = line.firstIndex(of: "=") {
                addEntry(key: Self.trimmed(line[..<equals]), value: Self.trimmed(line[line.index(after: equals)...]),
                         line: number, file: file)
            } else {
                errors.append(ConfigError(.syntax, "'\(line)' is neither [section], key = value nor a # comment",
                                          file: file, line: number))
            }
        }
    }

    private mutating func openSection(_ text: Substring, line: Int, file: String) {
        guard text.hasSuffix("]") else {
            errors.append(ConfigError(.syntax, "section header '\(text)' does not end with ]", file: file, line: line))
            sections.append(Section(kind: "", name: "", line: line))  // its keys are not misattributed
            return
        }
        let words = text.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 1 || words.count == 2 else {
            errors.append(ConfigError(.syntax, "section header '\(text)' is not [KIND] or [KIND NAME]",
                                      file: file, line: line))
            sections.append(Section(kind: "", name: "", line: line))
            return
        }
        sections.append(Section(kind: String(words[0]), name: words.count == 2 ? String(words[1]) : "", line: line))
    }

    private mutating func addEntry(key: String, value: String, line: Int, file: String) {
        guard !key.isEmpty else {
            errors.append(ConfigError(.syntax, "a key is missing before '='", file: file, line: line))
            return
        }
        guard !sections.isEmpty else {
            errors.append(ConfigError(.syntax, "'\(key)' comes before any [section] header", file: file, line: line))
            return
        }
        if let earlier = sections[sections.count - 1].entries.first(where: { $0.key == key }) {
            errors.append(ConfigError(.duplicate, "'\(key)' is already set on line \(earlier.line)",
                                      file: file, line: line))
            return
        }
        sections[sections.count - 1].entries.append(Entry(key: key, value: value, line: line))
    }

    /// `text` without leading and trailing spaces, tabs and carriage returns.
    static func trimmed(_ text: Substring) -> String {
        String(trimmedSlice(text))
    }

    static func trimmedSlice(_ text: Substring) -> Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !blank($0) }),
              let last = text.lastIndex(where: { !blank($0) }) else { return "" }
        return text[first...last]
    }
}
