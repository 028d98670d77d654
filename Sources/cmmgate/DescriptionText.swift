import Wire

/// Renders a `FrameDescription` as aligned text for a terminal.
enum DescriptionText {
    static func render(_ description: FrameDescription, number: Int) -> String {
        let verdict = description.isValid ? "valid" : "INVALID"
        var text = "frame \(number): \(description.protocolName): \(description.summary) [\(verdict)]\n"
        let width = min(24, (description.fields.map { $0.name.count }.max() ?? 0) + 2)
        for field in description.fields {
            text += "    " + field.name.padded(to: width) + field.value
            if let note = field.note { text += "  (\(note))" }
            text += "\n"
        }
        for problem in description.problems {
            text += "    problem: \(problem)\n"
        }
        return text + "\n"
    }
}
