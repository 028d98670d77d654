/// Checks across sections, once every section is read: references resolve, protocols match,
/// addresses and factor codes are unique.
extension SiteConfigParser {
    mutating func checkReferences() {
        if let (identity, line) = identities.first, !identity.constantsName.isEmpty,
           !definedSections.contains("constants " + identity.constantsName) {
            fail(.danglingReference, "constants: no [constants \(identity.constantsName)] is defined", line: line)
        }
        checkMeters()
        checkPoints()
        checkStatusPoints()
        checkParameters()
    }

    private mutating func checkMeters() {
        var addresses: [String: MeterConfig] = [:]
        for meter in meters {
            guard let bus = buses.first(where: { $0.name == meter.bus }) else {
                if !definedSections.contains("bus " + meter.bus) {
                    fail(.danglingReference, "meter \(meter.name): bus '\(meter.bus)' is not defined", line: meter.line)
                }
                continue
            }
            let address: String
            switch meter.address {
            case .modbus(let slave):
                address = "modbus slave \(slave)"
            case .dlt645(let dlt645):
                address = "DL/T 645 address \(dlt645.digits)"
                if !bus.isSerial {
                    fail(.conflict, "meter \(meter.name): DL/T 645 needs a serial bus, and bus \(bus.name) is TCP",
                         line: meter.line)
                }
            }
            let key = meter.bus + " " + address
            if let other = addresses[key] {
                fail(.duplicate, "meter \(meter.name): \(address) on bus \(meter.bus) is also meter \(other.name)",
                     line: meter.line)
            }
            addresses[key] = meter
        }
    }

    private mutating func checkPoints() {
        for point in points {
            guard let meter = meters.first(where: { $0.name == point.meter }) else {
                if !definedSections.contains("meter " + point.meter) {
                    fail(.danglingReference, "point \(point.name): meter '\(point.meter)' is not defined",
                         line: point.line)
                }
                continue
            }
            switch point.source {
            case .modbus where !meter.isModbus:
                fail(.conflict, "point \(point.name): meter \(meter.name) speaks DL/T 645; give 'di', not 'register'",
                     line: point.line)
            case .dlt645 where meter.isModbus:
                fail(.conflict, "point \(point.name): meter \(meter.name) speaks Modbus; give 'register', not 'di'",
                     line: point.line)
            default: break
            }
        }
    }

    /// A meter's `status_point` is one of its own points.
    private mutating func checkStatusPoints() {
        for meter in meters {
            guard let name = meter.statusPoint else { continue }
            guard let point = points.first(where: { $0.name == name }) else {
                if !definedSections.contains("point " + name) {
                    fail(.danglingReference, "meter \(meter.name): status_point '\(name)' is not defined", line: meter.line)
                }
                continue
            }
            if point.meter != meter.name {
                fail(.conflict, "meter \(meter.name): status_point '\(name)' is read from meter \(point.meter), "
                     + "not from this one", line: meter.line)
            }
        }
    }

    private mutating func checkParameters() {
        var factors: [String: String] = [:]
        for parameter in parameters {
            if !definedSections.contains("point " + parameter.point) {
                fail(.danglingReference, "parameter \(parameter.name): point '\(parameter.point)' is not defined",
                     line: parameter.line)
            }
            // One MN uploads one set of factors: a code names one parameter site-wide.
            if let other = factors[parameter.factorCode] {
                fail(.duplicate, "parameter \(parameter.name): factor code \(parameter.factorCode) is also used by "
                     + "parameter \(other)", line: parameter.line)
            }
            factors[parameter.factorCode] = parameter.name
        }
    }
}
