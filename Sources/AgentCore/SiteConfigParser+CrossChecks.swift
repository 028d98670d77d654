/// The reader of `[crosscheck NAME]`, and the check of its references once every parameter is read.
extension SiteConfigParser {
    /// The parameter names a cross-check refers to, with the lines of their keys.
    struct CrossCheckReferences {
        var name: String
        var inlets: [String]
        var inletLine: Int
        var reference: String?
        var referenceLine: Int
    }

    mutating func readCrossCheck(_ reader: inout ConfigSectionReader) {
        let inlets = parameterList("inlet", &reader)
        let reference = reader.reference("reference")
        let tolerance = reader.number("tolerance_percent", in: 0...100)
        let duration = reader.integer("duration_s", in: 1...86_400)
        crossCheckReferences.append(CrossCheckReferences(
            name: reader.section.name, inlets: inlets ?? [], inletLine: reader.line(of: "inlet"), reference: reference,
            referenceLine: reader.line(of: "reference")))
        guard reader.errors.isEmpty, let inlets, let reference, let tolerance, let duration else { return }
        crossChecks.append(CrossCheckConfig(name: reader.section.name, inletParameters: inlets,
                                            referenceParameter: reference, tolerancePercent: tolerance,
                                            durationSeconds: duration, line: reader.section.line))
    }

    /// `key` as a comma-separated list of one or more distinct parameter names.
    private func parameterList(_ key: String, _ reader: inout ConfigSectionReader) -> [String]? {
        guard let text = reader.text(key) else { return nil }
        var names: [String] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = ConfigDocument.trimmed(item)
            guard ConfigName.isValid(name) else {
                reader.fail(.badValue, key: key, "'\(name)' is not a name (\(ConfigName.rule)); "
                            + "write NAME or NAME, NAME, …")
                return nil
            }
            guard !names.contains(name) else {
                reader.fail(.duplicate, key: key, "parameter \(name) is listed twice")
                return nil
            }
            names.append(name)
        }
        return names
    }

    /// Every inlet names an oxidizer inlet flow parameter and every reference a pump outlet flow,
    /// each reported at its key's line. A parameter section with errors of its own is not
    /// reported again as dangling; one whose quantity could not be read is not judged.
    mutating func checkCrossChecks() {
        let inletQuantities: [MethodologyQuantity] = [.inletFlowWorking, .inletFlowStandard]
        for check in crossCheckReferences {
            for inlet in check.inlets {
                checkCrossCheckParameter(inlet, of: check.name, key: "inlet", line: check.inletLine,
                                         accepted: inletQuantities, what: "an oxidizer inlet flow")
            }
            if let reference = check.reference {
                checkCrossCheckParameter(reference, of: check.name, key: "reference", line: check.referenceLine,
                                         accepted: [.pumpOutletFlow], what: "the extraction pump's outlet flow")
            }
        }
    }

    private mutating func checkCrossCheckParameter(_ name: String, of check: String, key: String, line: Int,
                                                   accepted: [MethodologyQuantity], what: String) {
        guard definedSections.contains("parameter " + name) else {
            fail(.danglingReference, "\(key): no [parameter \(name)] is defined (crosscheck \(check))", line: line)
            return
        }
        guard let declaration = declarations.first(where: { $0.name == name }),
              !accepted.contains(declaration.quantity) else { return }
        let words = accepted.map(\.rawValue).joined(separator: " or ")
        fail(.badValue, "\(key): parameter \(name) measures \(declaration.quantity.rawValue), not \(what) (\(words))",
             line: line)
    }
}
