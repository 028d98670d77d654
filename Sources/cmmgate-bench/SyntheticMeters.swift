import AgentCore
import FieldBus
import Wire

/// Readings for every point of a site, made up from its configuration as the bus pollers would
/// deliver them (`PolledValue`s: registers in the point's type and word order, coil bits, DL/T 645
/// decimals), so `cmmgate-bench runtime` can drive `AgentRuntime` without a bus.
///
/// Values are plausible and inside every range, so records carry flag N: levels sit at 40 % of
/// their parameter's range with a ±0.4 % wobble over a minute, a bed temperature 100 °C above
/// its running threshold, running statuses on, a pump's outlet flow 10 % above the summed
/// working inlet flows (so the safe-transport cross-check holds; at most 95 % of its range),
/// and energy counters growing (0.8 kWh/s, 0.001 GJ/s). Level readings are made once, before the run, for each second of a
/// minute, and reads are looked up by point position: the figures are the runtime's and the
/// journal's work, not this generator's. Counters are encoded as they grow (two a second on the
/// 32-parameter site), by bit pattern rather than `RegisterDecoder.encode`, which formats its
/// error message on every call (tens of thousands of instructions).
struct SyntheticMeters {
    private enum Shape {
        case level(Double)
        case counter(start: Double, perSecond: Double)
    }

    private let points: [PointConfig]
    private let indexByName: [String: Int]
    private let shapes: [Shape]
    /// `levels[second % 60][point]`: the precomputed reading of a level point (nil for counters).
    private let levels: [[PolledValue?]]

    init(config: SiteConfig) {
        points = config.points
        var indexByName: [String: Int] = [:]
        for (index, point) in config.points.enumerated() { indexByName[point.name] = index }
        self.indexByName = indexByName
        let shapes = config.points.map { Self.shape(of: $0, config: config) }
        self.shapes = shapes
        levels = (0..<60).map { variant in
            zip(config.points, shapes).map { point, shape -> PolledValue? in
                guard case .level(let value) = shape else { return nil }
                let wobble = point.isBit ? 1 : 1 + 0.002 * Double(variant % 5 - 2)
                return Self.reading(value * wobble, of: point)
            }
        }
    }

    /// The position in `SiteConfig.points` of the point a read called `readID` fetches.
    func pointIndex(readID: String) -> Int {
        guard let index = indexByName[readID] else { preconditionFailure("no point \(readID)") }
        return index
    }

    /// The reading of point `index` during UTC second `second`.
    func value(point index: Int, second: Int64) -> PolledValue {
        if let level = levels[Int(second % 60)][index] { return level }
        guard case .counter(let start, let perSecond) = shapes[index] else { preconditionFailure("unreachable") }
        return Self.reading(start + perSecond * Double(second % 1_000_000), of: points[index])
    }

    private static func shape(of point: PointConfig, config: SiteConfig) -> Shape {
        guard let parameter = config.parameters.first(where: { $0.point == point.name }) else { return .level(0) }
        switch parameter.quantity {
        case .electricityGenerated, .electricityExported, .electricityConsumed:
            return .counter(start: parameter.lowerLimit + 1000, perSecond: 0.8)
        case .heatSupplied:
            return .counter(start: parameter.lowerLimit + 1000, perSecond: 0.001)
        case .unitRunning:
            return .level(1)
        case .bedTemperature:
            return .level(min(parameter.upperLimit, (parameter.runningThreshold ?? parameter.lowerLimit) + 100))
        case .pumpOutletFlow:
            let inlets = config.parameters.filter { $0.quantity == .inletFlowWorking }.map(typical).reduce(0, +)
            let ceiling = parameter.lowerLimit + 0.95 * (parameter.upperLimit - parameter.lowerLimit)  // wobble stays in range
            return .level(inlets > 0 ? min(ceiling, 1.1 * inlets) : typical(parameter))
        default:
            return .level(typical(parameter))
        }
    }

    private static func typical(_ parameter: MonitoringParameter) -> Double {
        parameter.lowerLimit + 0.4 * (parameter.upperLimit - parameter.lowerLimit)
    }

    /// The engineering value `value` as the point's meter would send it (raw = (value − offset) / scale).
    private static func reading(_ value: Double, of point: PointConfig) -> PolledValue {
        let raw = (value - point.offset) / point.scale
        switch point.source {
        case .dlt645:
            return .dlt645(.decimal(DLT645Decimal(units: Int64((raw * 100).rounded()), fractionDigits: 2), unit: point.unit))
        case .modbus(let table, _, _, _) where !table.holdsRegisters:
            return .bits([raw != 0])
        case .modbus(_, _, let type, let order):
            if let pattern = bitPattern(raw, as: type) {
                return .registers(order.registers(bitPattern: pattern, count: type.registerCount))
            }
            let registerValue: RegisterValue = .unsigned(UInt64(max(0, raw.rounded())))  // BCD
            do {
                return .registers(try RegisterDecoder.encode(registerValue, as: type, order: order))
            } catch {
                preconditionFailure("point \(point.name): cannot encode \(raw) as \(type.name): \(error)")
            }
        }
    }

    /// The bits of `raw` as a value of `type` (rounded to whole numbers for the integer types,
    /// clamped to their range); nil for BCD.
    private static func bitPattern(_ raw: Double, as type: RegisterDataType) -> UInt64? {
        let whole = raw.rounded()
        switch type {
        case .float32: return UInt64(Float(raw).bitPattern)
        case .float64: return raw.bitPattern
        case .int16: return UInt64(UInt16(bitPattern: Int16(clamping: Int64(whole))))
        case .int32: return UInt64(UInt32(bitPattern: Int32(clamping: Int64(whole))))
        case .int64: return UInt64(bitPattern: Int64(whole))
        case .uint16: return UInt64(UInt16(clamping: Int64(max(0, whole))))
        case .uint32: return UInt64(UInt32(clamping: Int64(max(0, whole))))
        case .uint64: return UInt64(max(0, whole))
        case .bit(let index): return whole != 0 ? UInt64(1) << UInt64(index) : 0
        case .bcd16, .bcd32: return nil
        }
    }
}

extension PointConfig {
    fileprivate var isBit: Bool {
        if case .modbus(let table, _, _, _) = source { return !table.holdsRegisters }
        return false
    }
}
