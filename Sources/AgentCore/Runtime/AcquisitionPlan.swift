import FieldBus
import Metering
import Wire

/// What the site reads on each bus, and where each read's value goes: built once from a
/// validated `SiteConfig` before any port is opened.
///
/// One `PollRead` per point that a monitoring parameter uses (a point nothing uses is not read:
/// it would only spend bus budget), identified by the point's name, read as often as the most
/// demanding parameter on it asks. A result comes back through `readings(_:)` as the reading
/// outcome of every parameter fed by that point.
public struct AcquisitionPlan: Sendable {
    /// Where a read's value goes.
    public struct Route: Sendable, Equatable {
        /// Position of the point in `SiteConfig.points`.
        public var point: Int
        /// Position of the meter in `SiteConfig.meters`.
        public var meter: Int
        /// Position of the bus in `SiteConfig.buses`.
        public var bus: Int
        /// Positions in `SiteConfig.parameters` of the parameters the point feeds.
        public var parameters: [Int]
        /// Whether the point is its meter's `status_point` (0 = the instrument is stopped).
        public var isMeterStatus = false
    }

    /// The reads of each bus, in `SiteConfig.buses` order.
    public let reads: [[PollRead]]
    private let routes: [String: Route]
    private let converters: [PointValueConverter]

    public init(config: SiteConfig) {
        var routes: [String: Route] = [:]
        var reads = Array(repeating: [PollRead](), count: config.buses.count)
        for (pointIndex, point) in config.points.enumerated() {
            let users = config.parameters.indices.filter { config.parameters[$0].point == point.name }
            guard let meterIndex = config.meters.firstIndex(where: { $0.name == point.meter }),
                  let busIndex = config.buses.firstIndex(where: { $0.name == config.meters[meterIndex].bus })
            else { continue }  // validated config: every point resolves
            let meter = config.meters[meterIndex]
            let isStatus = meter.statusPoint == point.name
            guard !users.isEmpty || isStatus else { continue }
            // A status point is read as often as the meter's most demanding parameter.
            let readers = isStatus ? Self.parameters(of: meter.name, in: config) + users : users
            let period = readers.map { config.parameters[$0].periodSeconds }.min() ?? 1
            let source = Self.source(of: point, meter: meter)
            reads[busIndex].append(PollRead(id: point.name, source: source, periodMilliseconds: period * 1000))
            routes[point.name] = Route(point: pointIndex, meter: meterIndex, bus: busIndex, parameters: users,
                                       isMeterStatus: isStatus)
        }
        self.reads = reads
        self.routes = routes
        self.converters = config.points.map(PointValueConverter.init)
    }

    /// Positions of the parameters read from meter `meter`'s points.
    static func parameters(of meter: String, in config: SiteConfig) -> [Int] {
        let points = Set(config.points.filter { $0.meter == meter }.map(\.name))
        return config.parameters.indices.filter { points.contains(config.parameters[$0].point) }
    }

    /// The route of the read called `readID`, or nil for a read this plan did not make.
    public func route(readID: String) -> Route? { routes[readID] }

    /// Every route, for a bus outage (all its parameters lose their readings at once).
    public func routes(bus: Int) -> [Route] {
        routes.values.filter { $0.bus == bus }.sorted { $0.point < $1.point }
    }

    /// The planned requests of bus `bus` (`PollPlanner` coalesces adjacent registers).
    public func requests(bus: Int, planner: PollPlanner = PollPlanner()) throws(FieldBusError) -> [PollRequest] {
        try planner.plan(reads[bus])
    }

    /// The outcome `result` gives every parameter its read feeds, with the route; nil for a
    /// read this plan did not make.
    public func reading(_ result: PollResult) -> (route: Route, outcome: ReadingOutcome)? {
        guard let route = routes[result.readID] else { return nil }
        switch result.result {
        case .success(let acquired): return (route, converters[route.point].outcome(acquired.value))
        case .failure(let error): return (route, Self.outcome(of: error))
        }
    }

    /// The HJ 212 meaning of a failed read: the instrument answered but could not give the value
    /// (a Modbus exception, a DL/T 645 abnormal reply) is a fault, D; no usable reply at all
    /// (timeout, garbled frame, busy bus, port or connection down) is abnormal communication, B.
    public static func outcome(of error: FieldBusError) -> ReadingOutcome {
        switch error.code {
        case .exception, .configuration: return .deviceFault
        case .timeout, .badFrame, .busBusy, .portFailure, .portVanished, .notConnected: return .communicationFailure
        }
    }

    /// The protocol read that fetches `point` from `meter`.
    static func source(of point: PointConfig, meter: MeterConfig) -> PollRead.Source {
        switch (point.source, meter.address) {
        case (.modbus(let table, let address, let type, _), .modbus(let slave)):
            let count = table.holdsRegisters ? type.registerCount : 1
            return .modbus(slave: slave, function: function(table), address: UInt16(address), count: UInt16(count))
        case (.dlt645(let identifier), .dlt645(let meterAddress)):
            return .dlt645(meter: meterAddress, identifier: identifier)
        default:
            // The parser refuses a point whose source does not match its meter's protocol.
            preconditionFailure("validated config: point \(point.name) does not match meter \(meter.name)")
        }
    }

    static func function(_ table: PointConfig.ModbusTable) -> ModbusFunction {
        switch table {
        case .holding: return .readHoldingRegisters
        case .input: return .readInputRegisters
        case .coil: return .readCoils
        case .discrete: return .readDiscreteInputs
        }
    }
}
