/// The CP data area, the text between `CP=&&` and the closing `&&` (HJ 212-2017 §6.3.3).
///
/// Grammar: items separated by `;`, fields of one item separated by `,`, each field
/// `name=value` (names case-sensitive). `DataTime=20160801085857;w01001-Rtd=7.1,w01001-Flag=N`
/// is two items: `[DataTime]` and `[w01001-Rtd, w01001-Flag]`. An empty area (`CP=&&&&`)
/// has no items.
public struct CPDataArea: Sendable, Equatable {
    /// One item: the fields between two `;`.
    public struct Item: Sendable, Equatable {
        public var fields: [CPField]
        public init(_ fields: [CPField]) { self.fields = fields }
        public var text: String { fields.map(\.text).joined(separator: ",") }
    }

    public var items: [Item]
    /// Deviations accepted by a lenient parse (empty after a strict parse or when built).
    public var warnings: [HJ212Leniency]

    public init(_ items: [Item] = [], warnings: [HJ212Leniency] = []) {
        self.items = items
        self.warnings = warnings
    }

    /// All fields of all items, in order.
    public var allFields: [CPField] { items.flatMap(\.fields) }

    /// The first `DataTime`, if any.
    public var dataTime: HJ212Timestamp? {
        for field in allFields { if case .dataTime(let t) = field { return t } }
        return nil
    }

    /// The area as written between `CP=&&` and `&&` (strict form). Throws when a name or value
    /// contains a separator (`;` `,` `&&`, or `=` in a name) and so could not be read back.
    public func encoded() throws(WireError) -> String {
        for (itemIndex, item) in items.enumerated() {
            guard !item.fields.isEmpty else {
                throw WireError(.badValue, "CP item \(itemIndex + 1) has no fields")
            }
            for field in item.fields {
                let name = field.name, value = field.value
                if name.isEmpty || name.utf8.contains(where: { [0x3B, 0x2C, 0x3D, 0x26].contains($0) }) {
                    throw WireError(.badValue, "CP field name '\(name)' is empty or contains ; , = or &")
                }
                if value.utf8.contains(where: { [0x3B, 0x2C, 0x26].contains($0) }) {
                    throw WireError(.badValue, "CP field \(name) value '\(value)' contains ; , or &")
                }
                if name.utf8.first == 0x20 || value.utf8.last == 0x20 {
                    throw WireError(.badValue, "CP field \(name) starts or ends with a space that a reader would trim")
                }
            }
        }
        return items.map(\.text).joined(separator: ";")
    }

    /// Parses the CP area text (without `CP=&&` and `&&`). Offsets in errors and warnings are
    /// character offsets within `text` plus `baseOffset`.
    public static func parse(_ text: String, mode: HJ212ParseMode = .lenient,
                             baseOffset: Int = 0) throws(WireError) -> CPDataArea {
        var log = LeniencyLog(mode)
        let items = try parse(Array(text.utf8), baseOffset: baseOffset, log: &log)
        return CPDataArea(items, warnings: log.items)
    }

    static func parse(_ bytes: [UInt8], baseOffset: Int, log: inout LeniencyLog) throws(WireError) -> [Item] {
        if bytes.isEmpty { return [] }
        var items: [Item] = []
        for (itemStart, itemBytes) in split(bytes[...], on: 0x3B) {
            if itemBytes.allSatisfy({ $0 == 0x20 }) {
                try log.note(.emptyItem, "empty CP item skipped", offset: baseOffset + itemStart)
                continue
            }
            var fields: [CPField] = []
            for (fieldStart, fieldBytes) in split(itemBytes, on: 0x2C) {
                let offset = baseOffset + itemStart + fieldStart
                if let field = try parseField(fieldBytes, offset: offset, log: &log) { fields.append(field) }
            }
            if !fields.isEmpty { items.append(Item(fields)) }
        }
        return items
    }

    /// One `name=value`; nil when the field is empty (noted as a leniency).
    private static func parseField(_ raw: ArraySlice<UInt8>, offset: Int,
                                   log: inout LeniencyLog) throws(WireError) -> CPField? {
        var bytes = raw
        if bytes.first == 0x20 || bytes.last == 0x20 {
            try log.note(.whitespaceInCP, "spaces around CP field '\(text(raw))'", offset: offset)
            while bytes.first == 0x20 { bytes.removeFirst() }
            while bytes.last == 0x20 { bytes.removeLast() }
        }
        if bytes.isEmpty {
            try log.note(.emptyItem, "empty CP field skipped", offset: offset)
            return nil
        }
        guard let equals = bytes.firstIndex(of: 0x3D) else {
            try log.note(.fieldWithoutValue, "CP field '\(text(bytes))' has no '='", offset: offset)
            return .other(name: text(bytes), value: "")
        }
        let name = text(bytes[..<equals])
        let value = text(bytes[(equals + 1)...])
        if name.isEmpty {
            throw WireError(.malformed, "CP field with an empty name", offset: offset)
        }
        if let amp = bytes.firstIndex(of: 0x26) {
            throw WireError(.malformed, "'&' inside CP field \(name)", offset: offset + (amp - raw.startIndex))
        }
        let (field, problem) = CPField.classify(name: name, value: value)
        if let problem { try log.note(.invalidFieldValue, problem, offset: offset) }
        return field
    }

    /// Pieces of `bytes` between `separator`s with their start offsets relative to `bytes.startIndex`.
    static func split(_ bytes: ArraySlice<UInt8>, on separator: UInt8) -> [(Int, ArraySlice<UInt8>)] {
        var pieces: [(Int, ArraySlice<UInt8>)] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        let base = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == separator {
                pieces.append((start - base, bytes[start..<index]))
                start = index + 1
            }
            index += 1
        }
        pieces.append((start - base, bytes[start..<bytes.endIndex]))
        return pieces
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
