/// The RS-485 half-duplex direction port: who drives the pair.
///
/// Implementations: DeviceIO's kernel RS-485 mode (`TIOCSRS485`; the UART driver turns the
/// line itself), a GPIO DE/RE line (libgpiod), the RTS modem line (`TIOCMBIS`/`TIOCMBIC`),
/// and none (auto-direction transceivers); AgentTesting's recording fake for tests.
///
/// The master's sequence for a manual line (`isAutomatic == false`): `assertTransmit()`,
/// write, drain, wait out the last character plus the guard (see `TurnaroundPlan`),
/// `releaseTransmit()`, then listen. Never release while the last stop bit is on the wire,
/// never assert while a reply can arrive.
public protocol DirectionControl {
    /// True when the hardware or the kernel turns the line around by itself: the master
    /// then neither asserts nor releases and does not wait for the last character.
    var isAutomatic: Bool { get }

    /// Drives the transmitter (DE high / RTS asserted) before the first byte.
    mutating func assertTransmit() throws

    /// Releases the pair for the reply (DE low / RTS dropped).
    mutating func releaseTransmit() throws
}
