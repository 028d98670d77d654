import AgentTesting
import FieldBus
import Wire

/// One simulated RS-485 bus: a manual clock shared by the scripted link and the recording
/// direction line, and a runner over them.
struct BusFixture {
    let clock: ManualClock
    let link: ScriptedSerialLink
    let line: RecordingDirectionControl
    var runner: SerialBusRunner<ScriptedSerialLink, RecordingDirectionControl, ManualClock>

    init(baud: Int = 9600, parity: SerialCharacterFormat.Parity = .even, automatic: Bool = false,
         guardMicroseconds: Int = 200, settings: SerialMasterSettings = SerialMasterSettings(busName: "bus1")) throws {
        clock = ManualClock()
        link = ScriptedSerialLink(format: try SerialCharacterFormat(baud: baud, parity: parity), clock: clock)
        line = RecordingDirectionControl(clock: clock, isAutomatic: automatic)
        runner = try SerialBusRunner(link: link, direction: line, clock: clock, settings: settings,
                                     guardMicroseconds: guardMicroseconds)
    }

    var characterNanoseconds: UInt64 { link.characterNanoseconds }
    var t35Nanoseconds: UInt64 { runner.plan.silenceNanoseconds }
}

/// Reply ADUs built with the Wire encoders (what a slave would send).
enum Frames {
    static func registers(slave: UInt8, _ values: [UInt16], function: ModbusFunction = .readHoldingRegisters) -> [UInt8] {
        RTUReplyFrame(slave: slave, reply: .normal(.registers(function, values))).bytes
    }

    static func exception(slave: UInt8, _ function: ModbusFunction, _ code: UInt8) -> [UInt8] {
        RTUReplyFrame(slave: slave, reply: .exception(ModbusExceptionReply(
            function: function, exception: ModbusExceptionCode(rawValue: code)))).bytes
    }

    static func holding(_ start: UInt16, _ count: UInt16) -> ModbusReadRequest {
        ModbusReadRequest(function: .readHoldingRegisters, startAddress: start, quantity: count)
    }
}
