import FieldBus
import Metering
import Wire

/// Turns what a read returned into a reading in the point's unit: registers decoded as the
/// point's type and word order, a coil or input as 1 or 0, a DL/T 645 number exactly as the
/// meter sent it; then `raw × scale + offset`. A value that cannot be decoded (a BCD register
/// holding a nibble above 9, a DL/T 645 item that is not a number) or that is not finite
/// (a float register holding NaN) is a fault of the instrument, D; it is never passed on.
public struct PointValueConverter: Sendable {
    public let point: PointConfig

    public init(_ point: PointConfig) { self.point = point }

    /// The reading `value` gives, already scaled.
    public func outcome(_ value: PolledValue) -> ReadingOutcome {
        guard let raw = rawValue(value), raw.isFinite else { return .deviceFault }
        let scaled = raw * point.scale + point.offset
        return scaled.isFinite ? .value(scaled) : .deviceFault
    }

    /// The unscaled number in `value`, or nil when it holds none of the point's type.
    func rawValue(_ value: PolledValue) -> Double? {
        switch (point.source, value) {
        case (.modbus(_, _, let type, let order), .registers(let registers)):
            return try? RegisterDecoder.decode(registers, as: type, order: order).doubleValue
        case (.modbus, .bits(let bits)):
            return bits.first.map { $0 ? 1 : 0 }
        case (.dlt645, .dlt645(let reply)):
            return reply.decimal?.doubleValue
        default:
            return nil
        }
    }
}
