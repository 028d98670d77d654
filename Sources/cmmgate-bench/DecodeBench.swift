import Wire

/// Decode throughput of each protocol's stream decoder on a representative frame:
/// - modbus-rtu: a 10-register read reply (25 bytes), through `RTUReplyDecoder`, as a master reads it;
/// - modbus-tcp: the same reply in MBAP framing (29 bytes), through `MBAPFrameDecoder` and PDU parsing;
/// - dlt645: a forward-active-energy reply with a 4-byte FE preamble (24 bytes), through
///   `DLT645FrameDecoder` and value decoding;
/// - hj212: a real-time (CN 2011) packet with 8 factors, through `HJ212FrameDecoder` and the
///   lenient data-segment parser.
///
/// `cmmgate-bench decode PROTOCOL --seconds S` prints `decode_PROTOCOL_frames_per_s N`;
/// `--count N` decodes exactly N frames and prints nothing timed, for callgrind's instruction
/// counts (Scripts/bench runs N and 0 and divides the difference by N); `--print-frame` prints
/// the frame in hex so the peers (pymodbus, dlt645) are measured on the same bytes.
enum DecodeBench {
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.count == 2, arguments[1] == "--print-frame", let frame = frames[arguments[0]] {
            print(Hex.format(frame, separator: ""))
            return 0
        }
        guard arguments.count == 3, let workload = workloads[arguments[0]],
              let amount = Double(arguments[2]), arguments[1] == "--seconds" || arguments[1] == "--count" else {
            print("usage: cmmgate-bench decode \(workloads.keys.sorted().joined(separator: "|")) --seconds S | --count N | --print-frame")
            return 64
        }
        if arguments[1] == "--count" {
            var decoded = 0
            for _ in 0..<Int(amount) { decoded += workload() }
            return decoded == Int(amount) ? 0 : 1
        }
        var decoded = 0
        let (_, seconds) = BenchClock.repeatFor(seconds: amount) { decoded += workload() }
        print("decode_\(arguments[0])_frames_per_s \(Int(Double(decoded) / seconds))")
        return 0
    }

    /// Each workload decodes one frame from a fresh buffer and returns 1 when it was decoded.
    static let workloads: [String: @Sendable () -> Int] = [
        "modbus-rtu": { decodeOne(RTUReplyDecoder(expecting: Frames.rtuRequest), Frames.rtuReply) },
        "modbus-tcp": modbusTCP,
        "dlt645": dlt645,
        "hj212": hj212,
    ]

    static let frames: [String: [UInt8]] = [
        "modbus-rtu": Frames.rtuReply, "modbus-tcp": Frames.tcpReply,
        "dlt645": Frames.dlt645Reply, "hj212": Frames.hj212Realtime,
    ]

    static func decodeOne<D: FrameDecoder>(_ decoder: D, _ bytes: [UInt8]) -> Int {
        var decoder = decoder
        var buffer = InputBuffer(bytes)
        if case .frame = decoder.decode(&buffer) { return 1 }
        return 0
    }

    static func modbusTCP() -> Int {
        var decoder = MBAPFrameDecoder()
        var buffer = InputBuffer(Frames.tcpReply)
        guard case .frame(let frame) = decoder.decode(&buffer), (try? frame.parseReply()) != nil else { return 0 }
        return 1
    }

    static func dlt645() -> Int {
        var decoder = DLT645FrameDecoder()
        var buffer = InputBuffer(Frames.dlt645Reply)
        guard case .frame(let frame) = decoder.decode(&buffer),
              let message = try? DLT645Message(frame), (try? message.value()) != nil else { return 0 }
        return 1
    }

    static func hj212() -> Int {
        var decoder = HJ212FrameDecoder()
        var buffer = InputBuffer(Frames.hj212Realtime)
        guard case .frame(let frame) = decoder.decode(&buffer), (try? frame.dataSegment()) != nil else { return 0 }
        return 1
    }

    /// The representative frames, built once with the Wire encoders.
    enum Frames {
        static let rtuRequest = RTURequestFrame(
            slave: 1, request: ModbusReadRequest(function: .readHoldingRegisters, startAddress: 0, quantity: 10))
        static let registers: [UInt16] = [0x4128, 0x0000, 0x3F80, 0x0000, 1, 2, 3, 4, 500, 0xFFFF]
        static let rtuReply = RTUReplyFrame(
            slave: 1, reply: .normal(.registers(.readHoldingRegisters, registers))).bytes
        static let tcpReply: [UInt8] = (try? ModbusTCPFrame(
            transactionID: 7, unitID: 1,
            pdu: ModbusReply.normal(.registers(.readHoldingRegisters, registers)).pduBytes).encode()) ?? []
        static let dlt645Reply: [UInt8] = Array(
            [0xFE, 0xFE, 0xFE, 0xFE, 0x68, 0x12, 0x90, 0x78, 0x56, 0x34, 0x12, 0x68, 0x91, 0x08,
             0x33, 0x33, 0x34, 0x33, 0x9A, 0x78, 0x56, 0x34, 0x88, 0x16])
        static let hj212Segment = "QN=20261125080000000;ST=31;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&"
            + "DataTime=20261125080000;"
            + (1...8).map { "e0100\($0)-Rtd=\(1000 + $0 * 37).\($0 * 7 % 10)\($0 % 10),e0100\($0)-Flag=N" }
                .joined(separator: ";")
            + "&&"
        static let hj212Realtime: [UInt8] = (try? HJ212Frame.encode(segment: hj212Segment)) ?? []
    }
}
