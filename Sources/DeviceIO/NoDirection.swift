import FieldBus

/// No direction control: an auto-direction transceiver (or RS-232) turns the line itself.
public struct NoDirection: DirectionControl {
    public init() {}
    public var isAutomatic: Bool { true }
    public mutating func assertTransmit() {}
    public mutating func releaseTransmit() {}
}
