"""`cmmgate probe` and `scan` against independent peers: pymodbus 3.16.1 as an RTU slave on a
socat pty pair, as a Modbus TCP server and as an RTU-framed TCP server on 127.0.0.1; the dlt645
package's meter server on a pty. What cmmgate prints must be what the peer serves, for every
register type in every word order.

The ptys run at 9600 8N1 (2400 8N1 for DL/T 645): a pty carries no parity (Linux forces CS8 and
no PARENB on it, and pyserial then refuses even parity), so parity is exercised on cmmgate-sim."""
import struct

import pytest

import peers

CASES = peers.register_cases()


def assert_value(printed, type_name, value):
    if type_name == "float32":  # the same single-precision number, bit for bit
        assert struct.pack(">f", float(printed)) == struct.pack(">f", value)
    elif type_name == "float64":
        assert float(printed) == value
    else:
        assert int(printed) == value


def check_every_type(cmmgate, transport):
    for address, type_name, order, value, registers in CASES:
        result = cmmgate("probe", "modbus", *transport, "--slave", str(peers.SLAVE_ID),
                         "--read", f"holding:{address}:{len(registers)}", "--as", f"{type_name}:{order}")
        assert result.returncode == 0, (type_name, order, result.stderr)
        lines = result.stdout.splitlines()
        assert len(lines) == 1, (type_name, order, lines)
        assert_value(lines[0], type_name, value)


def check_bits_and_inputs(cmmgate, transport):
    slave = ["--slave", str(peers.SLAVE_ID)]
    coils = cmmgate("probe", "modbus", *transport, *slave, "--read", f"coil:0:{len(peers.COILS)}")
    assert coils.returncode == 0, coils.stderr
    assert coils.stdout.split() == ["1" if bit else "0" for bit in peers.COILS]
    discrete = cmmgate("probe", "modbus", *transport, *slave, "--read", f"discrete:0x0:{len(peers.DISCRETE)}")
    assert discrete.returncode == 0, discrete.stderr
    assert discrete.stdout.split() == ["1" if bit else "0" for bit in peers.DISCRETE]
    inputs = cmmgate("probe", "modbus", *transport, *slave, "--read", f"input:0:{len(peers.INPUT_REGISTERS)}")
    assert inputs.returncode == 0, inputs.stderr
    assert [int(v) for v in inputs.stdout.split()] == peers.INPUT_REGISTERS
    scaled = cmmgate("probe", "modbus", *transport, *slave, "--read", "input:1:1", "--as", "uint16", "--scale", "0.5")
    assert scaled.returncode == 0, scaled.stderr
    assert float(scaled.stdout) == peers.INPUT_REGISTERS[1] * 0.5


def check_exception(cmmgate, transport):
    beyond = len(peers.holding_image()) + 100
    result = cmmgate("probe", "modbus", *transport, "--slave", str(peers.SLAVE_ID), "--read", f"holding:{beyond}:2")
    assert result.returncode == 1
    assert "exception 2 (illegal data address)" in result.stderr


def test_pymodbus_rtu_slave_on_a_pty(cmmgate):
    with peers.socat_pair() as (ours, theirs), peers.peer("modbus-rtu", theirs):
        transport = ["--port", ours, "--baud", "9600", "--parity", "N"]
        check_every_type(cmmgate, transport)
        check_bits_and_inputs(cmmgate, transport)
        check_exception(cmmgate, transport)
        # pymodbus 3.16 answers an unknown slave id with exception 04 even with
        # ignore_missing_devices, so timeouts and scanning past absent slaves are tested on
        # cmmgate-sim (test_sim_faults.py); here scan finds the one slave.
        scan = cmmgate("scan", "modbus", *transport, "--slaves", f"{peers.SLAVE_ID}-{peers.SLAVE_ID}")
        assert scan.returncode == 0, scan.stderr
        assert scan.stdout == f"{peers.SLAVE_ID} ok\n"


def test_pymodbus_tcp_server(cmmgate):
    port = peers.free_port()
    with peers.peer("modbus-tcp", port):
        transport = ["--tcp", f"127.0.0.1:{port}"]
        check_every_type(cmmgate, transport)
        check_bits_and_inputs(cmmgate, transport)
        check_exception(cmmgate, transport)


def test_pymodbus_rtu_over_tcp_server(cmmgate):
    port = peers.free_port()
    with peers.peer("modbus-rtu-over-tcp", port):
        transport = ["--rtu-over-tcp", f"127.0.0.1:{port}"]
        check_every_type(cmmgate, transport)
        check_bits_and_inputs(cmmgate, transport)
        check_exception(cmmgate, transport)


def test_a_refused_tcp_connection_is_a_clear_failure(cmmgate):
    port = peers.free_port()  # nothing listens there
    result = cmmgate("probe", "modbus", "--tcp", f"127.0.0.1:{port}", "--slave", "1", "--read", "holding:0:1",
                     "--timeout", "300")
    assert result.returncode != 0
    assert f"127.0.0.1:{port}" in result.stderr


def test_dlt645_meter_server_on_a_pty(cmmgate):
    with peers.socat_pair() as (ours, theirs), peers.peer("dlt645", theirs):
        transport = ["--port", ours, "--baud", "2400", "--parity", "N"]
        for identifier, (_, printed) in peers.METER_VALUES.items():
            result = cmmgate("probe", "dlt645", *transport, "--address", peers.METER_ADDRESS, "--di", f"{identifier:08X}")
            assert result.returncode == 0, result.stderr
            assert result.stdout.strip() == printed
        wildcard = cmmgate("probe", "dlt645", *transport, "--address", "wildcard", "--di", "00010000")
        assert wildcard.returncode == 0, wildcard.stderr
        assert wildcard.stdout.strip() == peers.METER_VALUES[0x00010000][1]
        # The dlt645 package answers a foreign address with an abnormal reply (error word 01,
        # "other") where a real meter would stay silent: cmmgate must say so and fail.
        other = cmmgate("probe", "dlt645", *transport, "--address", "000000000001", "--di", "00010000", "--timeout", "300")
        assert other.returncode == 1
        assert "abnormal reply, error word 0x01 (other error)" in other.stderr
        # An identifier left at the package's default (phase A current, XXX.XXX A) reads as zero.
        current = cmmgate("probe", "dlt645", *transport, "--address", peers.METER_ADDRESS, "--di", "02020100")
        assert current.returncode == 0, current.stderr
        assert current.stdout == "0.000 A\n"
