"""Per-transaction wall time of pymodbus's synchronous Modbus RTU client, measured in the same
`make bench` run, against the same cmmgate-sim pseudo-terminal, on the same read as
`cmmgate-bench fieldbus transactions`: 10 holding registers (0...9) of slave 1, COUNT times back
to back, each timed from the call to read_holding_registers to its return.

Usage: peer_modbus_client_bench.py PORT BAUD COUNT
Prints: `median_us N`, `p95_us N`, `failures N` (8N1: Linux pseudo-terminals ignore parity).
"""
import math
import sys
import time


def main():
    port, baud, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    from pymodbus.client import ModbusSerialClient

    client = ModbusSerialClient(port, baudrate=baud, bytesize=8, parity="N", stopbits=1, timeout=1, retries=0)
    if not client.connect():
        sys.exit(f"pymodbus could not open {port}")
    durations, failures = [], 0
    try:
        for _ in range(count):
            start = time.monotonic_ns()
            try:
                reply = client.read_holding_registers(0, count=10, device_id=1)
                if reply.isError() or len(reply.registers) != 10:
                    failures += 1
            except Exception:  # a timeout or bad frame counts as a failure, like cmmgate-bench's
                failures += 1
            durations.append(time.monotonic_ns() - start)
    finally:
        client.close()
    durations.sort()

    def percentile(fraction):  # nearest rank, as cmmgate-bench computes it
        rank = max(1, math.ceil(fraction * len(durations)))
        return round(durations[min(rank, len(durations)) - 1] / 1000)

    print(f"median_us {percentile(0.5)}")
    print(f"p95_us {percentile(0.95)}")
    print(f"failures {failures}")


if __name__ == "__main__":
    main()
