"""Independent peers for the probe tests: pymodbus 3.16.1 as an RTU slave on a pty and as a TCP
server (MBAP or RTU framing), the dlt645 package's meter server on a pty, socat pty pairs, and
the data they serve, so tests compare what `cmmgate probe` prints with what the peer holds.

Run as a script it serves one peer and prints `ready` when it listens:
    python peers.py modbus-rtu PTY | modbus-tcp PORT | modbus-rtu-over-tcp PORT | dlt645 PTY
"""
import asyncio
import contextlib
import os
import pathlib
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
PYTHON = sys.executable

SLAVE_ID = 7
METER_ADDRESS = "123456789012"
# DI -> (value served, what cmmgate prints)
METER_VALUES = {
    0x00010000: (12345.67, "12345.67 kWh"),
    0x02010100: (220.1, "220.1 V"),
}

# (type, Python value) served once per word order, 4 registers per case.
TYPE_VALUES = [
    ("int16", -12345), ("uint16", 54321), ("int32", -123456789), ("uint32", 3000000000),
    ("int64", -1234567890123456789), ("uint64", 12345678901234567890),
    ("float32", 123.456), ("float64", -9876.54321),
]
ORDERS = ["ABCD", "CDAB", "BADC", "DCBA"]
REGISTER_COUNT = {"int16": 1, "uint16": 1, "int32": 2, "uint32": 2, "int64": 4, "uint64": 4,
                  "float32": 2, "float64": 4}
INPUT_REGISTERS = [11, 22, 33, 65535]
COILS = [True, False, True, True, False, False, True, False, True]
DISCRETE = [False, True, True, False, True]


def register_cases():
    """[(address, type, order, value, registers)]: every type in every word order.

    Registers come from pymodbus's own encoder (`convert_to_registers`, word order big or
    little: ABCD and CDAB); the byte-swapped orders (BADC, DCBA) swap the two bytes of each of
    those registers, which is what those orders mean."""
    from pymodbus.client import ModbusTcpClient as client
    cases = []
    address = 0
    for type_name, value in TYPE_VALUES:
        data_type = getattr(client.DATATYPE, type_name.upper())
        for order in ORDERS:
            word_order = "little" if order in ("CDAB", "DCBA") else "big"
            registers = client.convert_to_registers(value, data_type, word_order=word_order)
            if order in ("BADC", "DCBA"):
                registers = [((r & 0xFF) << 8) | (r >> 8) for r in registers]
            cases.append((address, type_name, order, value, registers))
            address += 4
    return cases


def holding_image():
    image = [0] * (4 * len(TYPE_VALUES) * len(ORDERS))
    for address, _, _, _, registers in register_cases():
        image[address:address + len(registers)] = registers
    return image


# ---- serving (script mode) -------------------------------------------------------------------

def modbus_context():
    # pymodbus's data blocks start at 1 for protocol address 0.
    from pymodbus.datastore import ModbusDeviceContext, ModbusSequentialDataBlock, ModbusServerContext
    device = ModbusDeviceContext(
        hr=ModbusSequentialDataBlock(1, holding_image()),
        ir=ModbusSequentialDataBlock(1, INPUT_REGISTERS),
        co=ModbusSequentialDataBlock(1, COILS),
        di=ModbusSequentialDataBlock(1, DISCRETE),
    )
    return ModbusServerContext(devices={SLAVE_ID: device}, single=False)


async def serve_modbus(kind, where):
    from pymodbus import FramerType
    from pymodbus.server import ModbusSerialServer, ModbusTcpServer
    if kind == "modbus-rtu":
        server = ModbusSerialServer(modbus_context(), framer=FramerType.RTU, port=where, baudrate=9600,
                                    parity="N", stopbits=1, bytesize=8, timeout=1,
                                    ignore_missing_devices=True)
    else:
        framer = FramerType.SOCKET if kind == "modbus-tcp" else FramerType.RTU
        server = ModbusTcpServer(modbus_context(), framer=framer, address=("127.0.0.1", int(where)),
                                 ignore_missing_devices=True)
    await server.serve_forever(background=True)
    print("ready", flush=True)
    await server.serving


def serve_dlt645(where):
    from dlt645 import MeterServerService
    service = MeterServerService.new_rtu_server(where, 8, 1, 2400, "N", 1.0)
    # The package compares the frame's address bytes as sent (low byte first) with these.
    service.set_address(bytes.fromhex(METER_ADDRESS)[::-1])
    service.set_00(0x00010000, METER_VALUES[0x00010000][0])
    service.set_02(0x02010100, METER_VALUES[0x02010100][0])
    if not service.server.start():
        sys.exit(f"dlt645 server did not start on {where}")
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    service.server.stop()


# ---- helpers for the tests -------------------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_line(process, wanted, seconds=15):
    """Lines the process printed up to and including the first starting with `wanted`.

    Reads the pipe's descriptor directly (a buffered reader could hold the line back from
    select)."""
    lines, pending = [], b""
    fd = process.stdout.fileno()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            lines.append(line.decode().strip())
            if lines[-1].startswith(wanted):
                return lines
    process.kill()
    raise AssertionError(f"{process.args[:3]} did not print {wanted!r} (got {lines}); stderr: {process.stderr.read()[-2000:]}")


@contextlib.contextmanager
def running(args, ready="ready", **kwargs):
    """Starts `args`, waits for its `ready` line, yields (process, lines), then stops it."""
    process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, **kwargs)
    try:
        yield process, wait_for_line(process, ready)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        for stream in (process.stdin, process.stdout, process.stderr):
            stream.close()


@contextlib.contextmanager
def socat_pair():
    """Two linked ptys (socat): yields their paths; what one end writes the other reads."""
    with tempfile.TemporaryDirectory(prefix="cmmgate-pty-") as directory:
        a, b = os.path.join(directory, "a"), os.path.join(directory, "b")
        process = subprocess.Popen(["socat", f"pty,raw,echo=0,link={a}", f"pty,raw,echo=0,link={b}"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 10
            while not (os.path.exists(a) and os.path.exists(b)):
                assert time.monotonic() < deadline and process.poll() is None, "socat made no ptys"
                time.sleep(0.02)
            yield os.path.realpath(a), os.path.realpath(b)
        finally:
            process.terminate()
            process.wait(timeout=5)


@contextlib.contextmanager
def peer(kind, where):
    with running([PYTHON, str(HERE / "peers.py"), kind, str(where)]) as started:
        yield started


if __name__ == "__main__":
    kind, where = sys.argv[1], sys.argv[2]
    if kind == "dlt645":
        serve_dlt645(where)
    else:
        asyncio.run(serve_modbus(kind, where))
