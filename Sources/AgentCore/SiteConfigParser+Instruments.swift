import Wire

/// Readers of `[meter NAME]`, `[point NAME]` and `[parameter NAME]`.
extension SiteConfigParser {
    mutating func readMeter(_ reader: inout ConfigSectionReader) {
        let bus = reader.reference("bus")
        let address: MeterConfig.Address?
        switch reader.choice("protocol", [("modbus", true), ("dlt645", false)]) {
        case true?:
            rejectUnlessDefault(["address"], reason: "a Modbus meter (it has a 'slave' id)", &reader)
            if reader.text("slave") == "" {
                reader.fail(.missing, "\(reader.title) speaks Modbus and needs 'slave'", line: reader.section.line)
                address = nil
            } else {
                address = reader.integer("slave", in: 1...247).map { .modbus(slave: UInt8($0)) }
            }
        case false?:
            rejectUnlessDefault(["slave"], reason: "a DL/T 645 meter (it has an 'address')", &reader)
            address = dlt645Address(&reader)
        case nil:
            address = nil
        }
        let registry = readRegistry(&reader)
        let status = reader.text("status_point")
        guard let bus, let address, let registry, reader.errors.isEmpty else { return }
        meters.append(MeterConfig(name: reader.section.name, bus: bus, address: address, registry: registry,
                                  statusPoint: status?.isEmpty == false ? status : nil, line: reader.section.line))
    }

    private func dlt645Address(_ reader: inout ConfigSectionReader) -> MeterConfig.Address? {
        guard let text = reader.text("address") else { return nil }
        guard text.utf8.count == 12, text.allSatisfy({ $0 >= "0" && $0 <= "9" }), let address = try? DLT645Address(text) else {
            let problem = text.isEmpty ? "is required for a DL/T 645 meter" : "'\(text)' is not 12 decimal digits"
            reader.fail(text.isEmpty ? .missing : .badValue, key: "address", problem)
            return nil
        }
        return .dlt645(address)
    }

    private func readRegistry(_ reader: inout ConfigSectionReader) -> InstrumentRegistry? {
        let maker = reader.text("maker"), model = reader.text("model"), serial = reader.text("serial_number")
        let range = reader.text("range"), accuracy = reader.text("accuracy")
        let installation = reader.text("installation_point")
        let calibrated = reader.date("calibrated"), due = reader.date("calibration_due")
        if let calibrated, let due, due <= calibrated {
            reader.fail(.conflict, key: "calibration_due", "\(due) is not after the calibration on \(calibrated)")
        }
        guard let maker, let model, let serial, let range, let accuracy, let installation, let calibrated,
              let due else { return nil }
        return InstrumentRegistry(maker: maker, model: model, serialNumber: serial, measuringRange: range,
                                  accuracyClass: accuracy, installationPoint: installation,
                                  lastCalibration: calibrated, calibrationDue: due)
    }

    mutating func readPoint(_ reader: inout ConfigSectionReader) {
        let meter = reader.reference("meter")
        let register = reader.text("register") ?? ""
        let di = reader.text("di") ?? ""
        let source: PointConfig.Source?
        switch (register.isEmpty, di.isEmpty) {
        case (false, true): source = modbusSource(register, &reader)
        case (true, false): source = dlt645Source(di, &reader)
        case (true, true):
            reader.fail(.missing, "\(reader.title) needs 'register' (Modbus) or 'di' (DL/T 645)", line: reader.section.line)
            source = nil
        case (false, false):
            reader.fail(.conflict, key: "di", "a point has either 'register' or 'di', not both")
            source = nil
        }
        let scale = reader.number("scale"), offset = reader.number("offset")
        if scale == 0 { reader.fail(.outOfRange, key: "scale", "0 would make every reading 0") }
        let unit = reader.text("unit")
        guard let meter, let source, let scale, let offset, let unit, reader.errors.isEmpty else { return }
        points.append(PointConfig(name: reader.section.name, meter: meter, source: source, scale: scale,
                                  offset: offset, unit: unit, line: reader.section.line))
    }

    /// `TABLE:ADDRESS` with the register type from `type`.
    private func modbusSource(_ register: String, _ reader: inout ConfigSectionReader) -> PointConfig.Source? {
        let parts = register.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let table = PointConfig.ModbusTable(rawValue: String(parts[0])),
              let address = Int(parts[1]) else {
            reader.fail(.badValue, key: "register", "'\(register)' is not TABLE:ADDRESS (holding, input, coil or discrete)")
            return nil
        }
        guard table.holdsRegisters else {
            rejectUnlessDefault(["type"], reason: "a coil or discrete input (a single bit)", &reader)
            guard (0...65_535).contains(address) else {
                reader.fail(.outOfRange, key: "register", "address \(address) is outside 0…65535")
                return nil
            }
            return .modbus(table: table, address: address, type: .uint16, order: .abcd)
        }
        guard let typeText = reader.text("type") else { return nil }
        let spec: (type: RegisterDataType, order: RegisterWordOrder)
        do {
            spec = try RegisterTypeSpec.parse(typeText)
        } catch {
            reader.fail(.badValue, key: "type", error.message)
            return nil
        }
        guard address >= 0, address + spec.type.registerCount - 1 <= 65_535 else {
            reader.fail(.outOfRange, key: "register",
                        "address \(address) with \(spec.type.registerCount) registers does not fit in 0…65535")
            return nil
        }
        return .modbus(table: table, address: address, type: spec.type, order: spec.order)
    }

    private func dlt645Source(_ di: String, _ reader: inout ConfigSectionReader) -> PointConfig.Source? {
        rejectUnlessDefault(["type"], reason: "a DL/T 645 point (the data identifier fixes the format)", &reader)
        guard di.utf8.count == 8, let value = UInt32(di, radix: 16) else {
            reader.fail(.badValue, key: "di", "'\(di)' is not a data identifier of 8 hexadecimal digits (e.g. 00010000)")
            return nil
        }
        return .dlt645(DLT645DataIdentifier(value))
    }
}
