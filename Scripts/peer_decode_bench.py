"""Decode throughput of the independent Python peers, measured in the same `make bench` run
as cmmgate's own decoders, on the same frames: pymodbus (Modbus RTU) and dlt645 (DL/T 645).

Usage: peer_decode_bench.py modbus-rtu|dlt645 FRAMES_HEX_FILE SECONDS
Prints: frames_per_second
"""
import sys
import time


def modbus_rtu(frames):
    from pymodbus.framer import FramerRTU
    from pymodbus.pdu import DecodePDU

    framer = FramerRTU(DecodePDU(False))  # client side: decodes replies, as a master does

    def decode(frame):
        used, pdu = framer.handleFrame(frame, 0, 0)
        assert pdu is not None and used == len(frame), "pymodbus rejected a frame"
    return decode


def dlt645(frames):
    from dlt645.protocol.protocol import DLT645Protocol
    import logging
    logging.disable(logging.CRITICAL)

    def decode(frame):
        assert DLT645Protocol.deserialize(frame) is not None
    return decode


def main():
    kind, path, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    frames = [bytes.fromhex(line) for line in open(path) if line.strip()]
    decode = {"modbus-rtu": modbus_rtu, "dlt645": dlt645}[kind](frames)
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for frame in frames:
            decode(frame)
        count += len(frames)
    print(f"{count / (time.perf_counter() - start):.0f}")


if __name__ == "__main__":
    main()
