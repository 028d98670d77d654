/// What the accounting of each oxidizer unit needs, checked once every parameter is read.
/// Oxidizer units are names on parameters, not sections, so the problems are reported at the
/// parameter sections: a quantity given twice at the second one, a working-condition flow
/// without the temperature or pressure to normalise it at the flow, a unit with no running
/// status at its first parameter.
extension SiteConfigParser {
    mutating func checkOxidizers() {
        var order: [String] = []
        var byOxidizer: [String: [ParameterDeclaration]] = [:]
        for declaration in declarations {
            guard let oxidizer = declaration.oxidizer else { continue }
            if byOxidizer[oxidizer] == nil { order.append(oxidizer) }
            if let other = byOxidizer[oxidizer]?.first(where: { $0.quantity == declaration.quantity }) {
                fail(.duplicate, "parameter \(declaration.name): oxidizer \(oxidizer) already has "
                     + "\(declaration.quantity.rawValue) (parameter \(other.name) on line \(other.line))",
                     line: declaration.line)
                continue
            }
            byOxidizer[oxidizer, default: []].append(declaration)
        }
        for oxidizer in order {
            checkOxidizer(oxidizer, byOxidizer[oxidizer] ?? [])
        }
    }

    private mutating func checkOxidizer(_ oxidizer: String, _ declarations: [ParameterDeclaration]) {
        let quantities = Set(declarations.map(\.quantity))
        if let flow = declarations.first(where: { $0.quantity == .inletFlowWorking }) {
            for needed in [MethodologyQuantity.inletTemperature, .inletPressure] where !quantities.contains(needed) {
                fail(.missing, "parameter \(flow.name): oxidizer \(oxidizer) has a working-condition flow but no "
                     + "\(needed.rawValue) parameter, so its flow can never be normalised to standard conditions",
                     line: flow.line)
            }
        }
        if !quantities.contains(.unitRunning), !quantities.contains(.bedTemperature), let first = declarations.first {
            fail(.missing, "parameter \(first.name): oxidizer \(oxidizer) has no unit_running or bed_temperature "
                 + "parameter, so the accounting can never tell that it runs", line: first.line)
        }
    }
}
