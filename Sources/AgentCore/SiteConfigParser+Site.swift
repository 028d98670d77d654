import FieldBus

/// Readers of `[site]`, `[constants NAME]` and `[bus NAME]`.
extension SiteConfigParser {
    mutating func readSite(_ reader: inout ConfigSectionReader) {
        let name = reader.text("name")
        let mn = reader.text("mn")
        if let mn, mn.utf8.count != 24 || !mn.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit) {
            reader.fail(.badValue, key: "mn", "'\(mn)' is not 24 hexadecimal characters (HJ 212 MN)")
        }
        let password = reader.text("password")
        if let password, password.utf8.count > 6 || password.contains(where: { ";&=,".contains($0) }) {
            // HJ 212-2017 Table 3: PW is 6 characters (field length 9 with its name).
            reader.fail(.badValue, key: "password", "is at most 6 characters without ; & = or , (HJ 212 PW)")
        }
        let st = reader.text("st")
        if let st, st.utf8.count != 2 || !st.allSatisfy({ $0 >= "0" && $0 <= "9" }) {
            reader.fail(.badValue, key: "st", "'\(st)' is not two digits (HJ 212 ST)")
        }
        let offset = utcOffset(&reader)
        let constants = reader.reference("constants")
        guard reader.errors.isEmpty, let name, let mn, let password, let st, let offset, let constants else {
            identities.append((SiteIdentity(name: "", mn: "", password: "", systemCode: "", utcOffsetMinutes: 0,
                                            constantsName: constants ?? ""), reader.section.line))
            return
        }
        identities.append((SiteIdentity(name: name, mn: mn.uppercased(), password: password, systemCode: st,
                                        utcOffsetMinutes: offset, constantsName: constants), reader.section.line))
    }

    /// `utc_offset` as minutes: `±HH:MM`, −12:00…+14:00.
    private func utcOffset(_ reader: inout ConfigSectionReader) -> Int? {
        guard let text = reader.text("utc_offset") else { return nil }
        let bytes = Array(text.utf8)
        let digits = bytes.count == 6 ? [bytes[1], bytes[2], bytes[4], bytes[5]].map { Int($0) - 0x30 } : []
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
              bytes[3] == UInt8(ascii: ":"), digits.allSatisfy({ (0...9).contains($0) }) else {
            reader.fail(.badValue, key: "utc_offset", "'\(text)' is not ±HH:MM (e.g. +08:00)")
            return nil
        }
        let minutes = (digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3]
        let signed = bytes[0] == UInt8(ascii: "-") ? -minutes : minutes
        guard digits[2] * 10 + digits[3] < 60, (-12 * 60...14 * 60).contains(signed) else {
            reader.fail(.outOfRange, key: "utc_offset", "'\(text)' is outside -12:00…+14:00")
            return nil
        }
        return signed
    }

    mutating func readConstants(_ reader: inout ConfigSectionReader) {
        let version = reader.text("version")
        let gwp = reader.number("gwp_ch4", in: 1...100)
        let density = reader.number("ch4_density", in: 0.5...1.0)
        let temperature = reader.choice("reference_temperature",
                                        [("0", MethodologyConstants.ReferenceTemperature.zeroCelsius),
                                         ("20", .twentyCelsius)])
        let pressure = reader.number("standard_pressure", in: 80...120)
        guard let version, let gwp, let density, let temperature, let pressure else { return }
        constantSets.append(MethodologyConstants(
            name: reader.section.name, version: version, gwpCH4: gwp, ch4DensityKilogramsPerCubicMetre: density,
            referenceTemperature: temperature, standardPressureKilopascals: pressure, line: reader.section.line))
    }

    mutating func readBus(_ reader: inout ConfigSectionReader) {
        let transport: BusConfig.Transport?
        switch reader.choice("transport", [("serial", 0), ("tcp", 1), ("rtu-over-tcp", 2)]) {
        case 0: transport = serialSettings(&reader).map { .serial($0) }
        case 1: transport = tcpEndpoint(&reader).map { .modbusTCP(host: $0.host, port: $0.port) }
        case 2: transport = tcpEndpoint(&reader).map { .rtuOverTCP(host: $0.host, port: $0.port) }
        default: transport = nil
        }
        let timeout = reader.integer("response_timeout_ms", in: 10...60_000)
        let retries = reader.integer("retries", in: 0...10)
        guard let transport, let timeout, let retries else { return }
        buses.append(BusConfig(name: reader.section.name, transport: transport, responseTimeoutMilliseconds: timeout,
                               retries: retries, line: reader.section.line))
    }

    private func serialSettings(_ reader: inout ConfigSectionReader) -> BusConfig.Serial? {
        rejectUnlessDefault(["host", "tcp_port"], reason: "a serial bus", &reader)
        let port = reader.text("port")
        if port == "" { reader.fail(.missing, "\(reader.title) is serial and needs 'port'", line: reader.section.line) }
        let baud = reader.choice("baud", [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200].map { ("\($0)", $0) })
        let parity = reader.choice("parity", [("N", BusConfig.Serial.Parity.none), ("E", .even), ("O", .odd)])
        let dataBits = reader.choice("data_bits", [("7", 7), ("8", 8)])
        let stopBits = reader.choice("stop_bits", [("1", 1), ("2", 2)])
        let directionText = reader.text("direction")
        let direction = directionText.flatMap(DirectionSetting.parse)
        if let directionText, direction == nil {
            reader.fail(.badValue, key: "direction", "'\(directionText)' is not \(DirectionSetting.forms)")
        }
        let guardTime = reader.integer("guard_us", in: 0...100_000)
        guard let port, !port.isEmpty, let baud, let parity, let dataBits, let stopBits, let direction,
              let guardTime else { return nil }
        return BusConfig.Serial(port: port, baud: baud, parity: parity, dataBits: dataBits, stopBits: stopBits,
                                direction: direction, guardMicroseconds: guardTime)
    }

    private func tcpEndpoint(_ reader: inout ConfigSectionReader) -> (host: String, port: Int)? {
        rejectUnlessDefault(["port", "baud", "parity", "data_bits", "stop_bits", "direction", "guard_us"],
                            reason: "a TCP bus", &reader)
        let host = reader.text("host")
        if host == "" { reader.fail(.missing, "\(reader.title) is TCP and needs 'host'", line: reader.section.line) }
        let port = reader.integer("tcp_port", in: 1...65_535)
        guard let host, !host.isEmpty, let port else { return nil }
        return (host, port)
    }

    /// Reports each of `keys` set to something other than its default: it has no meaning here.
    func rejectUnlessDefault(_ keys: [String], reason: String, _ reader: inout ConfigSectionReader) {
        for key in keys where reader.isSet(key) {
            let value = reader.text(key)
            if value != reader.schema.key(key)?.defaultValue {
                reader.fail(.conflict, key: key, "has no meaning on \(reason)")
            }
        }
    }
}
