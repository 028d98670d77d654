import CGPIOShim
import FieldBus

/// Direction on a GPIO line wired to the transceiver's DE (and /RE): libgpiod requests the
/// line as an output, driven low (receive) at once; assert sets it to 1, release to 0.
/// libgpiod v1 on Debian 12, v2 where present (CGPIOShim picks at compile time).
///
/// A class because it owns the line request, released in deinit.
public final class GPIODirection: DirectionControl {
    public let chip: String
    public let line: UInt32
    private var output: OpaquePointer?

    public var isAutomatic: Bool { false }

    /// Requests `line` of `chip` ("gpiochip0", "0" or "/dev/gpiochip0") as an output driven low.
    public init(chip: String, line: UInt32, consumer: String = "cmmgate-rs485") throws(DeviceIOError) {
        self.chip = chip
        self.line = line
        var failure: Int32 = 0
        let handle = SystemCall.requestGPIOOutput(chip: chip, line: line, consumer: consumer, failure: &failure)
        guard let handle else {
            throw DeviceIOError(
                .library,
                "GPIO \(chip) line \(line): libgpiod v\(cmmgate_gpio_api_version()) could not request it as an output",
                errno: failure, cause: SystemCall.errorText(failure))
        }
        output = handle
    }

    deinit { cmmgate_gpio_release(output) }

    public func assertTransmit() throws(DeviceIOError) { try set(1, "assert DE") }

    public func releaseTransmit() throws(DeviceIOError) { try set(0, "release DE") }

    private func set(_ value: Int32, _ operation: String) throws(DeviceIOError) {
        let output = output
        do {
            try SystemCall.run("gpiod_line_set_value", policy: .retry) { cmmgate_gpio_set(output, value) }
        } catch {
            throw error.context("GPIO \(chip) line \(line): \(operation)")
        }
    }
}

extension SystemCall {
    /// cmmgate_gpio_request_output (gpiod_chip_open_lookup + gpiod_line_request_output), which
    /// returns a handle rather than an integer: through the funnel by its success flag.
    static func requestGPIOOutput(chip: String, line: UInt32, consumer: String,
                                  failure: inout Int32) -> OpaquePointer? {
        var handle: OpaquePointer? = nil
        do {
            try run("gpiod_line_request_output", policy: .retry) { () -> Int32 in
                handle = cmmgate_gpio_request_output(chip, line, consumer, 0)
                return handle == nil ? -1 : 0
            }
        } catch {
            failure = error.errno ?? 0
        }
        return handle
    }
}
